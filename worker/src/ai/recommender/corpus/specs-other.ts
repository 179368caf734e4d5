import type { WorkflowSpec } from './build-workflow.ts';
import { p } from './params.ts';

/** Manual runs, sub-workflows, error handlers and AI pipelines. */
export const otherSpecs: WorkflowSpec[] = [
  {
    name: 'Error handler: notify on failure',
    nodes: {
      t: ['errorTrigger', {}],
      s: [
        'set',
        p.set({
          summary:
            '={{ $json.workflow.name + " failed at " + $json.execution.lastNodeExecuted + ": " + $json.execution.error.message }}',
        }),
      ],
      m: ['emailSend', p.mail('oncall@example.com', 'Workflow failed')],
    },
    flow: ['t>s>m'],
  },
  {
    name: 'Error handler: log and page',
    nodes: {
      t: ['errorTrigger', {}],
      db: ['mySql', p.sqlInsert('workflow_errors', 'workflow,node,message')],
      h: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://pager.example.com/v2/enqueue',
          '={{ JSON.stringify({ summary: $json.execution.error.message }) }}',
        ),
      ],
    },
    flow: ['t>db>h'],
  },
  {
    name: 'Error handler: explain failure with LLM',
    nodes: {
      t: ['errorTrigger', {}],
      ai: [
        'llmChat',
        p.llm('Explain this workflow error and suggest a fix: {{ JSON.stringify($json.execution.error) }}'),
      ],
      m: ['emailSend', p.mail('dev@example.com', 'Workflow failure explained', '={{ $json.text }}')],
    },
    flow: ['t>ai>m'],
  },
  {
    name: 'Sub-workflow: create invoice',
    nodes: {
      t: ['executeWorkflowTrigger', {}],
      c: [
        'code',
        p.code('return $input.all().map(i => ({ json: { ...i.json, number: "INV-" + Date.now() } }));'),
      ],
      db: ['mySql', p.sqlInsert('invoices', 'number,account_id,amount')],
      h: [
        'httpRequest',
        p.httpJson('POST', 'https://pdf.example.com/render', '={{ JSON.stringify($json) }}'),
      ],
      m: ['emailSend', p.mail('={{ $json.email }}', 'Your invoice')],
    },
    flow: ['t>c>db>h>m'],
  },
  {
    name: 'Sub-workflow: normalise address',
    nodes: {
      t: ['executeWorkflowTrigger', {}],
      s: [
        'set',
        p.set({
          street: '={{ $json.street.trim() }}',
          zip: '={{ $json.zip.replace(/\\s/g, "") }}',
          country: '={{ $json.country.toUpperCase() }}',
        }),
      ],
      h: [
        'httpRequest',
        p.http(
          'GET',
          '={{ "https://geo.example.com/validate?zip=" + $json.zip + "&country=" + $json.country }}',
        ),
      ],
      mg: ['merge', p.merge('combine', { combineBy: 'combineByPosition' })],
    },
    flow: ['t>s>h>mg', 's>mg:1'],
  },
  {
    name: 'Sub-workflow: import job',
    nodes: {
      t: ['executeWorkflowTrigger', {}],
      h: ['httpRequest', p.http('GET', '={{ $json.body.sourceUrl }}')],
      so: ['splitOut', p.splitOut('records')],
      b: ['splitInBatches', p.batches(200)],
      db: ['mySql', p.sqlInsert('imported_records', 'id,payload')],
    },
    flow: ['t>h>so>b.1>db>b'],
  },
  {
    name: 'Manual: backfill customer hashes',
    nodes: {
      t: ['manualTrigger', {}],
      db: ['mySql', p.sql('SELECT id, email FROM customers WHERE email_hash IS NULL')],
      c: ['crypto', p.hash('={{ $json.email.toLowerCase() }}')],
      up: ['mySql', p.sql('UPDATE customers SET email_hash = "{{ $json.hash }}" WHERE id = {{ $json.id }}')],
    },
    flow: ['t>db>c>up'],
  },
  {
    name: 'Manual: test an API endpoint',
    nodes: {
      t: ['manualTrigger', {}],
      h: ['httpRequest', p.http('GET', 'https://api.example.com/v1/me')],
      s: ['set', p.set({ ok: '={{ !!$json.id }}' })],
    },
    flow: ['t>h>s'],
  },
  {
    name: 'Manual: dedupe contact list',
    nodes: {
      t: ['manualTrigger', {}],
      db: ['mySql', p.sql('SELECT id, email, name FROM contacts')],
      s: ['set', p.set({ email: '={{ $json.email.toLowerCase().trim() }}' })],
      rd: ['removeDuplicates', p.dedupe('email')],
      su: ['summarize', p.summarize('id', 'count')],
    },
    flow: ['t>db>s>rd>su'],
  },
  {
    name: 'Manual: scrape blog titles',
    nodes: {
      t: ['manualTrigger', {}],
      h: [
        'httpRequest',
        p.http('GET', 'https://blog.example.com', {
          options: { response: { response: { responseFormat: 'text' } } },
        }),
      ],
      x: [
        'html',
        {
          operation: 'extractHtmlContent',
          extractionValues: {
            values: [{ key: 'titles', cssSelector: 'article h2', returnValue: 'text', returnArray: true }],
          },
        },
      ],
      so: ['splitOut', p.splitOut('titles')],
      so2: ['sort', p.sort('titles')],
    },
    flow: ['t>h>x>so>so2'],
  },
  {
    name: 'Manual: generate product descriptions',
    nodes: {
      t: ['manualTrigger', {}],
      db: ['mySql', p.sql('SELECT id, name, features FROM products WHERE description IS NULL LIMIT 50')],
      b: ['splitInBatches', p.batches(5)],
      ai: [
        'llmChat',
        p.llm(
          'Write a 40-word product description for {{ $json.name }} with features {{ $json.features }}.',
          'You write friendly e-commerce copy.',
        ),
      ],
      up: ['mySql', p.sql('UPDATE products SET description = "{{ $json.text }}" WHERE id = {{ $json.id }}')],
    },
    flow: ['t>db>b.1>ai>up>b'],
  },
  {
    name: 'Research agent with tools',
    nodes: {
      t: ['manualTrigger', {}],
      s: ['set', p.set({ question: 'What changed in our pricing page this month?' })],
      a: ['agent', p.agent('={{ $json.question }}', ['httpRequest', 'executeWorkflow'])],
      m: ['emailSend', p.mail('me@example.com', 'Research answer', '={{ $json.output }}')],
    },
    flow: ['t>s>a>m'],
  },
  {
    name: 'Resume screening',
    nodes: {
      wh: ['webhook', p.webhook('applications')],
      ie: [
        'informationExtractor',
        p.extract('={{ $json.body.resumeText }}', ['name', 'email', 'yearsOfExperience', 'skills']),
      ],
      tc: ['textClassifier', p.classify('={{ $json.skills }}', ['engineering', 'design', 'sales'])],
      db: ['mySql', p.sqlInsert('candidates', 'name,email,category')],
      m: ['emailSend', p.mail('={{ $json.email }}', 'We received your application')],
    },
    flow: ['wh>ie>tc>db>m'],
  },
  {
    name: 'Meeting notes summariser',
    nodes: {
      wh: ['webhook', p.webhook('meeting-notes')],
      ai: [
        'llmChat',
        p.llmJson(
          'Summarise and list action items: {{ $json.body.transcript }}',
          '{"type":"object","properties":{"summary":{"type":"string"},"actions":{"type":"array","items":{"type":"string"}}}}',
        ),
      ],
      so: ['splitOut', p.splitOut('actions')],
      h: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://tasks.example.com/api/tasks',
          '={{ JSON.stringify({ title: $json.actions }) }}',
        ),
      ],
    },
    flow: ['wh>ai>so>h'],
  },
  {
    name: 'Merge orders with customers',
    nodes: {
      t: ['manualTrigger', {}],
      o: [
        'mySql',
        p.sql('SELECT id, customer_id, total FROM orders WHERE created_at > NOW() - INTERVAL 1 DAY'),
      ],
      c: ['httpRequest', p.http('GET', 'https://crm.example.com/api/customers')],
      so: ['splitOut', p.splitOut('customers')],
      mg: ['merge', p.mergeByKey('customer_id')],
      s: ['set', p.set({ line: '={{ $json.name + ": " + $json.total }}' })],
    },
    flow: ['t>o>mg', 't>c>so>mg:1', 'mg>s'],
  },
  {
    name: 'Parallel API calls merged',
    nodes: {
      t: ['scheduleTrigger', p.schedule('hours', 1)],
      a: ['httpRequest', p.http('GET', 'https://api.example.com/v1/sales')],
      b: ['httpRequest', p.http('GET', 'https://api.example.com/v1/costs')],
      mg: ['merge', p.merge('combine', { combineBy: 'combineByPosition' })],
      c: ['code', p.code('return [{ json: { margin: $json.sales - $json.costs } }];', 'runOnceForEachItem')],
      db: ['mySql', p.sqlInsert('margins', 'margin')],
    },
    flow: ['t>a>mg', 't>b>mg:1', 'mg>c>db'],
  },
  {
    name: 'Translate and publish announcement',
    nodes: {
      t: ['manualTrigger', {}],
      s: ['set', p.set({ text: 'We are launching our new dashboard next week.' })],
      sp: [
        'code',
        p.code(
          'return ["de", "fr", "es"].map(lang => ({ json: { lang, text: $input.first().json.text } }));',
        ),
      ],
      ai: ['llmChat', p.llm('Translate to {{ $json.lang }}: {{ $json.text }}')],
      h: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://cms.example.com/api/posts',
          '={{ JSON.stringify({ lang: $json.lang, body: $json.text }) }}',
        ),
      ],
    },
    flow: ['t>s>sp>ai>h'],
  },
  {
    name: 'Webhook retries with wait',
    nodes: {
      wh: ['webhook', p.webhook('deliver')],
      h: [
        'httpRequest',
        p.httpJson('POST', '={{ $json.body.callbackUrl }}', '={{ JSON.stringify($json.body.payload) }}'),
      ],
      ok: ['if', p.cond('={{ $json.error }}', 'notExists')],
      n: ['noOp', {}],
      w: ['wait', p.wait(30)],
      h2: [
        'httpRequest',
        p.httpJson(
          'POST',
          '={{ $("Webhook").item.json.body.callbackUrl }}',
          '={{ JSON.stringify($("Webhook").item.json.body.payload) }}',
        ),
      ],
    },
    flow: ['wh>h>ok>n', 'ok.1>w>h2'],
  },
  {
    name: 'Session counter API',
    nodes: {
      wh: ['webhook', p.webhook('visit', 'GET', 'responseNode')],
      inc: ['redis', p.redisIncr('={{ "visits:" + $json.query.page }}')],
      r: ['respondToWebhook', p.respond('json', '={{ { visits: $json.value } }}')],
    },
    flow: ['wh>inc>r'],
  },
  {
    name: 'Sitemap link checker',
    nodes: {
      t: ['scheduleTrigger', p.schedule('weeks', 1)],
      h: [
        'httpRequest',
        p.http('GET', 'https://www.example.com/sitemap.xml', {
          options: { response: { response: { responseFormat: 'text' } } },
        }),
      ],
      x: ['xml', p.xmlToJson()],
      so: ['splitOut', p.splitOut('data.urlset.url')],
      b: ['splitInBatches', p.batches(10)],
      h2: [
        'httpRequest',
        p.http('HEAD', '={{ $json.loc }}', {
          options: { response: { response: { fullResponse: true, neverError: true } } },
        }),
      ],
      f: ['filter', p.cond('={{ $json.statusCode }}', 'gte', 400, 'number')],
      ag: ['aggregate', p.aggregate('loc')],
      m: ['emailSend', p.mail('web@example.com', 'Broken links found', '={{ $json.loc.join("\\n") }}')],
    },
    flow: ['t>h>x>so>b.1>h2>b', 'b.0>f>ag>m'],
  },
  {
    name: 'Customer feedback pipeline',
    nodes: {
      wh: ['webhook', p.webhook('feedback')],
      s: ['set', p.set({ text: '={{ $json.body.comment }}', rating: '={{ Number($json.body.rating) }}' })],
      i: ['if', p.cond('={{ $json.rating }}', 'lte', 2, 'number')],
      tc: ['textClassifier', p.classify('={{ $json.text }}', ['product', 'delivery', 'support'])],
      m: ['emailSend', p.mail('cx@example.com', '=Low rating about {{ $json.category }}')],
      db: ['mySql', p.sqlInsert('feedback', 'text,rating')],
    },
    flow: ['wh>s>i>tc>m', 'i.1>db'],
  },
];
