import type { WorkflowSpec } from './build-workflow.ts';
import { p } from './params.ts';

/** Webhook-driven automations: intake, validation, routing, answers. */
export const webhookSpecs: WorkflowSpec[] = [
  {
    name: 'Order intake: store order and confirm',
    nodes: {
      wh: ['webhook', p.webhook('orders', 'POST', 'responseNode')],
      v: ['if', p.cond('={{ $json.body.email }}', 'isNotEmpty')],
      s: [
        'set',
        p.set({
          orderId: '={{ $json.body.id }}',
          email: '={{ $json.body.email }}',
          total: '={{ $json.body.total }}',
        }),
      ],
      db: ['mySql', p.sqlInsert('orders', 'orderId,email,total')],
      ok: ['respondToWebhook', p.respond('json', '={{ { ok: true } }}', 201)],
      bad: ['respondToWebhook', p.respond('json', '={{ { error: "email missing" } }}', 400)],
    },
    flow: ['wh>v>s>db>ok', 'v.1>bad'],
  },
  {
    name: 'Failed orders to the team API and summary email',
    nodes: {
      wh: ['webhook', p.webhook('order-events')],
      f: ['filter', p.cond('={{ $json.body.status }}', 'equals', 'failed')],
      h: [
        'httpRequest',
        p.httpJson('POST', 'https://api.example.com/team/alerts', '={{ JSON.stringify($json.body) }}'),
      ],
      ag: ['aggregate', p.aggregate('body.id')],
      ai: ['llmChat', p.llm('Summarise these failed orders: {{ JSON.stringify($json) }}')],
      m: ['emailSend', p.mail('ops@example.com', 'Failed orders summary')],
    },
    flow: ['wh>f>h>ag>ai>m'],
  },
  {
    name: 'Contact form to CRM and auto-reply',
    nodes: {
      wh: ['webhook', p.webhook('contact')],
      s: [
        'set',
        p.set({
          name: '={{ $json.body.name }}',
          email: '={{ $json.body.email }}',
          message: '={{ $json.body.message }}',
        }),
      ],
      crm: [
        'httpRequest',
        p.httpJson('POST', 'https://crm.example.com/api/leads', '={{ JSON.stringify($json) }}'),
      ],
      m: [
        'emailSend',
        p.mail(
          '={{ $json.email }}',
          'Thanks for reaching out',
          'We will get back to you within one business day.',
        ),
      ],
    },
    flow: ['wh>s>crm>m'],
  },
  {
    name: 'Signed webhook verification',
    nodes: {
      wh: ['webhook', p.webhook('payments', 'POST', 'responseNode')],
      c: ['crypto', p.hmac('={{ JSON.stringify($json.body) }}')],
      v: ['if', p.cond('={{ $json.signature }}', 'equals', '={{ $json.headers["x-signature"] }}')],
      db: ['mySql', p.sqlInsert('payments', 'id,amount,currency')],
      ok: ['respondToWebhook', p.respond('json', '={{ { received: true } }}')],
      err: ['respondToWebhook', p.respond('json', '={{ { error: "bad signature" } }}', 401)],
    },
    flow: ['wh>c>v>db>ok', 'v.1>err'],
  },
  {
    name: 'Support ticket triage with classifier',
    nodes: {
      wh: ['webhook', p.webhook('tickets')],
      tc: ['textClassifier', p.classify('={{ $json.body.text }}', ['billing', 'bug', 'question'])],
      sw: ['switch', p.switch('={{ $json.category }}', ['billing', 'bug', 'question'])],
      bill: ['emailSend', p.mail('billing@example.com', 'New billing ticket')],
      bug: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://issues.example.com/api/issues',
          '={{ JSON.stringify({ title: $json.body.subject }) }}',
        ),
      ],
      q: ['llmChat', p.llm('Draft a helpful answer to: {{ $json.body.text }}')],
      r: ['emailSend', p.mail('={{ $json.body.email }}', 'Re: your question')],
    },
    flow: ['wh>tc>sw>bill', 'sw.1>bug', 'sw.2>q>r'],
  },
  {
    name: 'Lead enrichment API',
    nodes: {
      wh: ['webhook', p.webhook('enrich', 'POST', 'responseNode')],
      cache: ['redis', p.redisGet('={{ "lead:" + $json.body.domain }}', 'cached')],
      hit: ['if', p.cond('={{ $json.cached }}', 'exists')],
      h: [
        'httpRequest',
        p.http('GET', '={{ "https://enrich.example.com/v1/companies?domain=" + $json.body.domain }}'),
      ],
      put: ['redis', p.redisSet('={{ "lead:" + $json.domain }}', '={{ JSON.stringify($json) }}', 86400)],
      r1: ['respondToWebhook', p.respond()],
      r2: ['respondToWebhook', p.respond('json', '={{ JSON.parse($json.cached) }}')],
    },
    flow: ['wh>cache>hit.1>h>put>r1', 'hit.0>r2'],
  },
  {
    name: 'GitHub push notifications',
    nodes: {
      wh: ['webhook', p.webhook('github')],
      f: ['filter', p.cond('={{ $json.body.ref }}', 'equals', 'refs/heads/main')],
      so: ['splitOut', p.splitOut('body.commits')],
      s: ['set', p.set({ line: '={{ $json.id.slice(0,7) + " " + $json.message }}' })],
      ag: ['aggregate', p.aggregate('line')],
      h: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://chat.example.com/hooks/dev',
          '={{ JSON.stringify({ text: $json.line.join("\\n") }) }}',
        ),
      ],
    },
    flow: ['wh>f>so>s>ag>h'],
  },
  {
    name: 'Newsletter signup with double opt-in',
    nodes: {
      wh: ['webhook', p.webhook('subscribe')],
      dup: ['mySql', p.sql('SELECT id FROM subscribers WHERE email = "{{ $json.body.email }}"')],
      ex: ['if', p.cond('={{ $json.id }}', 'exists')],
      tok: ['crypto', { action: 'generate', dataPropertyName: 'token', encodingType: 'uuid' }],
      ins: ['mySql', p.sqlInsert('subscribers', 'email,token')],
      m: ['emailSend', p.mail('={{ $json.email }}', 'Confirm your subscription')],
      n: ['noOp', {}],
    },
    flow: ['wh>dup>ex.1>tok>ins>m', 'ex.0>n'],
  },
  {
    name: 'Stripe-style invoice paid handler',
    nodes: {
      wh: ['webhook', p.webhook('billing/events')],
      sw: ['switch', p.switch('={{ $json.body.type }}', ['invoice.paid', 'invoice.payment_failed'])],
      up: [
        'mySql',
        p.sql('UPDATE accounts SET status = "active" WHERE customer_id = "{{ $json.body.data.customer }}"'),
      ],
      s: [
        'set',
        p.set({
          email: '={{ $json.body.data.customer_email }}',
          amount: '={{ $json.body.data.amount_due / 100 }}',
        }),
      ],
      m: ['emailSend', p.mail('={{ $json.email }}', 'Your payment failed')],
    },
    flow: ['wh>sw>up', 'sw.1>s>m'],
  },
  {
    name: 'Form submission spam filter',
    nodes: {
      wh: ['webhook', p.webhook('form')],
      c: [
        'code',
        p.code('return $input.all().filter(i => !/viagra|casino/i.test(i.json.body.message ?? ""));'),
      ],
      rd: ['removeDuplicates', p.dedupe('body.email')],
      db: ['mySql', p.sqlInsert('form_entries', 'email,message')],
    },
    flow: ['wh>c>rd>db'],
  },
  {
    name: 'Slash command: weather lookup',
    nodes: {
      wh: ['webhook', p.webhook('cmd/weather', 'POST', 'responseNode')],
      h: [
        'httpRequest',
        p.http('GET', '={{ "https://api.weather.example.com/current?q=" + $json.body.text }}'),
      ],
      s: ['set', p.set({ text: '={{ $json.location + ": " + $json.temp_c + "°C" }}' })],
      r: ['respondToWebhook', p.respond()],
    },
    flow: ['wh>h>s>r'],
  },
  {
    name: 'XML partner feed to JSON API',
    nodes: {
      wh: ['webhook', p.webhook('partner/feed')],
      x: ['xml', p.xmlToJson()],
      so: ['splitOut', p.splitOut('data.feed.item')],
      s: ['set', p.set({ sku: '={{ $json.sku }}', price: '={{ Number($json.price) }}' })],
      b: ['splitInBatches', p.batches(50)],
      h: [
        'httpRequest',
        p.httpJson('POST', 'https://shop.example.com/api/prices', '={{ JSON.stringify($json) }}'),
      ],
    },
    flow: ['wh>x>so>s>b.1>h>b'],
  },
  {
    name: 'Extract invoice fields from email text',
    nodes: {
      wh: ['webhook', p.webhook('inbound-email')],
      ie: [
        'informationExtractor',
        p.extract('={{ $json.body.text }}', ['invoiceNumber', 'amount', 'dueDate']),
      ],
      dt: ['dateTime', p.dateFormat('={{ $json.dueDate }}', 'yyyy-MM-dd')],
      db: ['mySql', p.sqlInsert('invoices', 'invoiceNumber,amount,formattedDate')],
    },
    flow: ['wh>ie>dt>db'],
  },
  {
    name: 'Chatbot endpoint with agent',
    nodes: {
      wh: ['webhook', p.webhook('chat', 'POST', 'responseNode')],
      a: ['agent', p.agent('={{ $json.body.message }}', ['httpRequest', 'code'])],
      r: ['respondToWebhook', p.respond('json', '={{ { reply: $json.output } }}')],
    },
    flow: ['wh>a>r'],
  },
  {
    name: 'Rate-limited public API',
    nodes: {
      wh: ['webhook', p.webhook('api/quote', 'GET', 'responseNode')],
      inc: ['redis', p.redisIncr('={{ "rl:" + $json.headers["x-forwarded-for"] }}')],
      lim: ['if', p.cond('={{ $json.value }}', 'gt', 60, 'number')],
      e: ['respondToWebhook', p.respond('json', '={{ { error: "too many requests" } }}', 429)],
      db: ['mySql', p.sql('SELECT text, author FROM quotes ORDER BY RAND() LIMIT 1')],
      r: ['respondToWebhook', p.respond()],
    },
    flow: ['wh>inc>lim>e', 'lim.1>db>r'],
  },
  {
    name: 'Webhook to sub-workflow dispatcher',
    nodes: {
      wh: ['webhook', p.webhook('jobs')],
      sw: ['switch', p.switch('={{ $json.body.kind }}', ['import', 'export'], true)],
      i: ['executeWorkflow', p.sub('import-job')],
      e: ['executeWorkflow', p.sub('export-job')],
      st: ['stopAndError', p.stop('Unknown job kind')],
    },
    flow: ['wh>sw>i', 'sw.1>e', 'sw.2>st'],
  },
  {
    name: 'Calendar booking confirmation',
    nodes: {
      wh: ['webhook', p.webhook('bookings')],
      dt: ['dateTime', p.dateFormat('={{ $json.body.start }}', 'EEEE d MMMM, HH:mm')],
      s: ['set', p.set({ email: '={{ $json.body.email }}', when: '={{ $json.formattedDate }}' })],
      m: [
        'emailSend',
        p.mail('={{ $json.email }}', 'Your booking is confirmed', '=See you on {{ $json.when }}.'),
      ],
      rem: ['wait', p.wait(1, 'days')],
      m2: ['emailSend', p.mail('={{ $json.email }}', 'Reminder: your booking is tomorrow')],
    },
    flow: ['wh>dt>s>m>rem>m2'],
  },
  {
    name: 'Incoming SMS keyword router',
    nodes: {
      wh: ['webhook', p.webhook('sms')],
      s: [
        'set',
        p.set({ keyword: '={{ $json.body.Body.trim().toUpperCase() }}', from: '={{ $json.body.From }}' }),
      ],
      sw: ['switch', p.switch('={{ $json.keyword }}', ['STOP', 'HELP'])],
      un: ['mySql', p.sql('UPDATE contacts SET opted_out = 1 WHERE phone = "{{ $json.from }}"')],
      h: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://sms.example.com/send',
          '={{ JSON.stringify({ to: $json.from, text: "Reply STOP to opt out" }) }}',
        ),
      ],
    },
    flow: ['wh>s>sw>un', 'sw.1>h'],
  },
  {
    name: 'Webhook payload archive with hashing',
    nodes: {
      wh: ['webhook', p.webhook('archive')],
      c: ['crypto', p.hash('={{ JSON.stringify($json.body) }}')],
      rd: ['removeDuplicates', p.dedupe('hash')],
      db: ['mySql', p.sqlInsert('payload_archive', 'hash,body')],
    },
    flow: ['wh>c>rd>db'],
  },
  {
    name: 'Product page scraper on demand',
    nodes: {
      wh: ['webhook', p.webhook('scrape', 'POST', 'responseNode')],
      h: [
        'httpRequest',
        p.http('GET', '={{ $json.body.url }}', {
          options: { response: { response: { responseFormat: 'text' } } },
        }),
      ],
      x: ['html', p.html('h1.product-title')],
      r: ['respondToWebhook', p.respond()],
    },
    flow: ['wh>h>x>r'],
  },
  {
    name: 'Review sentiment to database',
    nodes: {
      wh: ['webhook', p.webhook('reviews')],
      l: [
        'llmChat',
        p.llmJson(
          'Rate the sentiment of: {{ $json.body.review }}',
          '{"type":"object","properties":{"sentiment":{"type":"string"},"score":{"type":"number"}}}',
        ),
      ],
      db: ['mySql', p.sqlInsert('reviews', 'review,sentiment,score')],
      neg: ['if', p.cond('={{ $json.score }}', 'lt', 0.3, 'number')],
      m: ['emailSend', p.mail('support@example.com', 'Negative review received')],
    },
    flow: ['wh>l>db>neg>m'],
  },
];
