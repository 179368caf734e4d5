import type { WorkflowSpec } from './build-workflow.ts';
import { p } from './params.ts';

/** Scheduled jobs: reports, syncs, monitoring, cleanup. */
export const scheduledSpecs: WorkflowSpec[] = [
  {
    name: 'Daily sales report email',
    nodes: {
      t: ['scheduleTrigger', p.schedule('cronExpression', '0 8 * * 1-5')],
      db: [
        'mySql',
        p.sql(
          'SELECT region, SUM(total) AS revenue FROM orders WHERE created_at >= CURDATE() - INTERVAL 1 DAY GROUP BY region',
        ),
      ],
      so: ['sort', p.sort('revenue', 'descending')],
      c: [
        'code',
        p.code(
          // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the Code node's JavaScript, shipped as text.
          'const lines = $input.all().map(i => `${i.json.region}: ${i.json.revenue}`);\nreturn [{ json: { summary: lines.join("\\n") } }];',
        ),
      ],
      m: ['emailSend', p.mail('sales@example.com', 'Daily sales report')],
    },
    flow: ['t>db>so>c>m'],
  },
  {
    name: 'Uptime monitor',
    nodes: {
      t: ['scheduleTrigger', p.schedule('minutes', 5)],
      h: [
        'httpRequest',
        p.http('GET', 'https://status.example.com/health', {
          options: { response: { response: { fullResponse: true, neverError: true } } },
        }),
      ],
      ok: ['if', p.cond('={{ $json.statusCode }}', 'equals', 200, 'number')],
      n: ['noOp', {}],
      inc: ['redis', p.redisIncr('uptime:failures')],
      th: ['if', p.cond('={{ $json.value }}', 'gte', 3, 'number')],
      m: ['emailSend', p.mail('oncall@example.com', 'Site is down')],
    },
    flow: ['t>h>ok>n', 'ok.1>inc>th>m'],
  },
  {
    name: 'Nightly CRM to MySQL sync',
    nodes: {
      t: ['scheduleTrigger', p.schedule('cronExpression', '0 2 * * *')],
      h: [
        'httpRequest',
        p.http(
          'GET',
          'https://crm.example.com/api/contacts?updated_since={{ $now.minus({ days: 1 }).toISO() }}',
        ),
      ],
      so: ['splitOut', p.splitOut('contacts')],
      s: [
        'set',
        p.set({
          id: '={{ $json.id }}',
          email: '={{ $json.email }}',
          name: '={{ $json.firstName + " " + $json.lastName }}',
        }),
      ],
      b: ['splitInBatches', p.batches(100)],
      db: [
        'mySql',
        p.sql(
          'INSERT INTO contacts (id, email, name) VALUES ("{{ $json.id }}", "{{ $json.email }}", "{{ $json.name }}") ON DUPLICATE KEY UPDATE email = VALUES(email)',
        ),
      ],
    },
    flow: ['t>h>so>s>b.1>db>b'],
  },
  {
    name: 'Weekly top customers',
    nodes: {
      t: ['scheduleTrigger', p.schedule('weeks', 1)],
      db: ['mySql', p.sql('SELECT customer, total FROM orders WHERE created_at > NOW() - INTERVAL 7 DAY')],
      su: ['summarize', p.summarize('total', 'sum', 'customer')],
      so: ['sort', p.sort('sum_total', 'descending')],
      l: ['limit', p.limit(10)],
      ag: ['aggregate', p.aggregateAll('top')],
      ai: [
        'llmChat',
        p.llm('Write a short weekly note about our top customers: {{ JSON.stringify($json.top) }}'),
      ],
      m: ['emailSend', p.mail('team@example.com', 'Top customers this week')],
    },
    flow: ['t>db>su>so>l>ag>ai>m'],
  },
  {
    name: 'Hourly RSS digest',
    nodes: {
      t: ['scheduleTrigger', p.schedule('hours', 1)],
      h: [
        'httpRequest',
        p.http('GET', 'https://blog.example.com/feed.xml', {
          options: { response: { response: { responseFormat: 'text' } } },
        }),
      ],
      x: ['xml', p.xmlToJson()],
      so: ['splitOut', p.splitOut('data.rss.channel.item')],
      rd: ['removeDuplicates', p.dedupe('link')],
      l: ['limit', p.limit(5)],
      h2: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://chat.example.com/hooks/news',
          '={{ JSON.stringify({ text: $json.title + " " + $json.link }) }}',
        ),
      ],
    },
    flow: ['t>h>x>so>rd>l>h2'],
  },
  {
    name: 'Stale cart reminders',
    nodes: {
      t: ['scheduleTrigger', p.schedule('hours', 6)],
      db: [
        'mySql',
        p.sql('SELECT email, cart_id FROM carts WHERE updated_at < NOW() - INTERVAL 1 DAY AND reminded = 0'),
      ],
      b: ['splitInBatches', p.batches(20)],
      m: ['emailSend', p.mail('={{ $json.email }}', 'You left something in your cart')],
      up: ['mySql', p.sql('UPDATE carts SET reminded = 1 WHERE cart_id = "{{ $json.cart_id }}"')],
      w: ['wait', p.wait(2)],
    },
    flow: ['t>db>b.1>m>up>w>b'],
  },
  {
    name: 'Purge old sessions',
    nodes: {
      t: ['scheduleTrigger', p.schedule('days', 1)],
      dt: ['dateTime', p.dateAdd('={{ $now }}', -30)],
      db: ['mySql', p.sql('DELETE FROM sessions WHERE last_seen < "{{ $json.newDate }}"')],
    },
    flow: ['t>dt>db'],
  },
  {
    name: 'Currency rates cache refresh',
    nodes: {
      t: ['scheduleTrigger', p.schedule('minutes', 30)],
      h: ['httpRequest', p.http('GET', 'https://api.rates.example.com/latest?base=EUR')],
      s: ['set', p.set({ rates: '={{ JSON.stringify($json.rates) }}', fetchedAt: '={{ $now.toISO() }}' })],
      r: ['redis', p.redisSet('fx:EUR', '={{ $json.rates }}', 3600)],
    },
    flow: ['t>h>s>r'],
  },
  {
    name: 'Competitor price watch',
    nodes: {
      t: ['scheduleTrigger', p.schedule('days', 1)],
      db: ['mySql', p.sql('SELECT sku, competitor_url, our_price FROM watched_products')],
      b: ['splitInBatches', p.batches(5)],
      h: [
        'httpRequest',
        p.http('GET', '={{ $json.competitor_url }}', {
          options: { response: { response: { responseFormat: 'text' } } },
        }),
      ],
      x: ['html', p.html('.price', 'price')],
      w: ['wait', p.wait(3)],
      mg: ['merge', p.merge('combine', { combineBy: 'combineByPosition' })],
      f: ['filter', p.cond('={{ Number($json.price) }}', 'lt', '={{ $json.our_price }}', 'number')],
      m: ['emailSend', p.mail('pricing@example.com', 'Competitor undercut our price')],
    },
    flow: ['t>db>b.1>h>x>w>b', 'b.0>mg>f>m', 'db>mg:1'],
  },
  {
    name: 'Backup table export as XML',
    nodes: {
      t: ['scheduleTrigger', p.schedule('cronExpression', '30 3 * * 0')],
      db: ['mySql', p.sql('SELECT * FROM settings')],
      ag: ['aggregate', p.aggregateAll('settings')],
      x: ['xml', p.jsonToXml()],
      h: [
        'httpRequest',
        p.http('PUT', 'https://storage.example.com/backups/settings.xml', {
          sendBody: true,
          contentType: 'raw',
          body: '={{ $json.data }}',
        }),
      ],
    },
    flow: ['t>db>ag>x>h'],
  },
  {
    name: 'Birthday greetings',
    nodes: {
      t: ['scheduleTrigger', p.schedule('cronExpression', '0 9 * * *')],
      db: [
        'mySql',
        p.sql(
          'SELECT name, email FROM customers WHERE DATE_FORMAT(birthday, "%m-%d") = DATE_FORMAT(NOW(), "%m-%d")',
        ),
      ],
      ai: ['llmChat', p.llm('Write a two-sentence birthday greeting for {{ $json.name }}.')],
      m: ['emailSend', p.mail('={{ $json.email }}', 'Happy birthday!', '={{ $json.text }}')],
    },
    flow: ['t>db>ai>m'],
  },
  {
    name: 'Queue depth alert',
    nodes: {
      t: ['scheduleTrigger', p.schedule('minutes', 1)],
      r: ['redis', p.redisGet('queue:depth', 'depth')],
      i: ['if', p.cond('={{ Number($json.depth) }}', 'gt', 1000, 'number')],
      h: [
        'httpRequest',
        p.httpJson(
          'POST',
          'https://pager.example.com/v2/enqueue',
          '={{ JSON.stringify({ summary: "Queue depth " + $json.depth }) }}',
        ),
      ],
    },
    flow: ['t>r>i>h'],
  },
  {
    name: 'Monthly invoice generation',
    nodes: {
      t: ['scheduleTrigger', p.schedule('cronExpression', '0 6 1 * *')],
      db: [
        'mySql',
        p.sql(
          'SELECT account_id, SUM(units) AS units FROM usage WHERE month = DATE_FORMAT(NOW() - INTERVAL 1 MONTH, "%Y-%m") GROUP BY account_id',
        ),
      ],
      c: [
        'code',
        p.code('return $input.all().map(i => ({ json: { ...i.json, amount: i.json.units * 0.02 } }));'),
      ],
      f: ['filter', p.cond('={{ $json.amount }}', 'gt', 0, 'number')],
      ex: ['executeWorkflow', p.sub('create-invoice')],
    },
    flow: ['t>db>c>f>ex'],
  },
  {
    name: 'API pagination import',
    nodes: {
      t: ['scheduleTrigger', p.schedule('hours', 12)],
      h: [
        'httpRequest',
        p.http('GET', 'https://api.example.com/v1/tickets', {
          options: {
            pagination: {
              pagination: {
                paginationMode: 'responseContainsNextURL',
                nextURL: '={{ $response.body.next }}',
              },
            },
          },
        }),
      ],
      so: ['splitOut', p.splitOut('results')],
      rd: ['removeDuplicates', p.dedupe('id')],
      db: ['mySql', p.sqlInsert('tickets', 'id,subject,status')],
    },
    flow: ['t>h>so>rd>db'],
  },
  {
    name: 'Daily standup reminder',
    nodes: {
      t: ['scheduleTrigger', p.schedule('cronExpression', '45 9 * * 1-5')],
      h: [
        'httpRequest',
        p.httpJson('POST', 'https://chat.example.com/hooks/team', '{"text":"Standup in 15 minutes"}'),
      ],
    },
    flow: ['t>h'],
  },
  {
    name: 'Expiring subscriptions notice',
    nodes: {
      t: ['scheduleTrigger', p.schedule('days', 1)],
      dt: ['dateTime', p.dateAdd('={{ $now }}', 7)],
      db: [
        'mySql',
        p.sql('SELECT email, plan, expires_at FROM subscriptions WHERE expires_at < "{{ $json.newDate }}"'),
      ],
      dt2: ['dateTime', p.dateFormat('={{ $json.expires_at }}', 'd LLL yyyy')],
      m: ['emailSend', p.mail('={{ $json.email }}', 'Your subscription expires soon')],
    },
    flow: ['t>dt>db>dt2>m'],
  },
  {
    name: 'Social mentions classification',
    nodes: {
      t: ['scheduleTrigger', p.schedule('minutes', 15)],
      h: ['httpRequest', p.http('GET', 'https://social.example.com/api/search?q=tandem')],
      so: ['splitOut', p.splitOut('statuses')],
      rd: ['removeDuplicates', p.dedupe('id')],
      tc: ['textClassifier', p.classify('={{ $json.text }}', ['praise', 'complaint', 'other'])],
      f: ['filter', p.cond('={{ $json.category }}', 'equals', 'complaint')],
      m: ['emailSend', p.mail('community@example.com', 'Complaint on social media')],
    },
    flow: ['t>h>so>rd>tc>f>m'],
  },
  {
    name: 'Inventory low stock alert',
    nodes: {
      t: ['scheduleTrigger', p.schedule('hours', 4)],
      db: [
        'mySql',
        p.sql('SELECT sku, name, stock, reorder_level FROM products WHERE stock <= reorder_level'),
      ],
      i: ['if', p.cond('={{ $input.all().length }}', 'gt', 0, 'number')],
      ag: ['aggregate', p.aggregate('name')],
      m: ['emailSend', p.mail('purchasing@example.com', 'Low stock', '={{ $json.name.join(", ") }}')],
    },
    flow: ['t>db>i>ag>m'],
  },
  {
    name: 'Scheduled data quality check',
    nodes: {
      t: ['scheduleTrigger', p.schedule('days', 1)],
      db: [
        'mySql',
        p.sql(
          'SELECT COUNT(*) AS orphans FROM order_items oi LEFT JOIN orders o ON o.id = oi.order_id WHERE o.id IS NULL',
        ),
      ],
      i: ['if', p.cond('={{ $json.orphans }}', 'gt', 0, 'number')],
      st: ['stopAndError', p.stop('Orphaned order items found')],
      n: ['noOp', {}],
    },
    flow: ['t>db>i>st', 'i.1>n'],
  },
  {
    name: 'Weather-based marketing trigger',
    nodes: {
      t: ['scheduleTrigger', p.schedule('cronExpression', '0 7 * * *')],
      h: ['httpRequest', p.http('GET', 'https://api.weather.example.com/forecast?q=Berlin')],
      i: ['if', p.cond('={{ $json.forecast.maxTempC }}', 'gt', 25, 'number')],
      h2: [
        'httpRequest',
        p.httpJson('POST', 'https://marketing.example.com/api/campaigns/ice-cream/start', '{}'),
      ],
    },
    flow: ['t>h>i>h2'],
  },
  {
    name: 'Leaderboard cache',
    nodes: {
      t: ['scheduleTrigger', p.schedule('minutes', 10)],
      db: ['mySql', p.sql('SELECT player, score FROM scores WHERE season = 3')],
      so: ['sort', p.sort('score', 'descending')],
      l: ['limit', p.limit(100)],
      ag: ['aggregate', p.aggregateAll('leaders')],
      r: ['redis', p.redisSet('leaderboard:season3', '={{ JSON.stringify($json.leaders) }}', 900)],
    },
    flow: ['t>db>so>l>ag>r'],
  },
];
