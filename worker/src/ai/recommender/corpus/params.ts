import type { NodeParameters } from '@tandem/shared/schema';

/** Parameter helpers for corpus specs, in the n8n parameter shapes. */
export const p = {
  webhook: (path: string, httpMethod = 'POST', responseMode = 'onReceived'): NodeParameters => ({
    path,
    httpMethod,
    responseMode,
  }),
  schedule: (
    field: 'minutes' | 'hours' | 'days' | 'weeks' | 'cronExpression',
    value: number | string = 1,
  ): NodeParameters =>
    field === 'cronExpression'
      ? { rule: { interval: [{ field, expression: value }] } }
      : { rule: { interval: [{ field, [`${field}Interval`]: value }] } },
  http: (method: string, url: string, extra: NodeParameters = {}): NodeParameters => ({
    method,
    url,
    ...extra,
  }),
  httpJson: (method: string, url: string, body: string): NodeParameters => ({
    method,
    url,
    sendBody: true,
    specifyBody: 'json',
    jsonBody: body,
  }),
  set: (fields: Record<string, string | number | boolean>): NodeParameters => ({
    assignments: {
      assignments: Object.entries(fields).map(([name, value]) => ({
        name,
        value,
        type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string',
      })),
    },
  }),
  cond: (
    leftValue: string,
    operation: string,
    rightValue: string | number | boolean = '',
    type = 'string',
  ): NodeParameters => ({
    conditions: {
      combinator: 'and',
      conditions: [{ leftValue, rightValue, operator: { type, operation } }],
    },
  }),
  switch: (leftValue: string, values: string[], fallback = false): NodeParameters => ({
    mode: 'rules',
    ...(fallback ? { options: { fallbackOutput: 'extra' } } : {}),
    rules: {
      values: values.map((v) => ({
        conditions: {
          combinator: 'and',
          conditions: [{ leftValue, rightValue: v, operator: { type: 'string', operation: 'equals' } }],
        },
      })),
    },
  }),
  code: (jsCode: string, mode = 'runOnceForAllItems'): NodeParameters => ({
    mode,
    language: 'javaScript',
    jsCode,
  }),
  sql: (query: string): NodeParameters => ({ operation: 'executeQuery', query }),
  sqlInsert: (table: string, columns: string): NodeParameters => ({ operation: 'insert', table, columns }),
  redisGet: (key: string, propertyName = 'value'): NodeParameters => ({
    operation: 'get',
    key,
    propertyName,
  }),
  redisSet: (key: string, value: string, ttl = 0): NodeParameters => ({
    operation: 'set',
    key,
    value,
    expire: ttl > 0,
    ttl,
  }),
  redisIncr: (key: string): NodeParameters => ({ operation: 'incr', key }),
  mail: (toEmail: string, subject: string, text = '={{ $json.summary }}'): NodeParameters => ({
    fromEmail: 'automation@example.com',
    toEmail,
    subject,
    emailFormat: 'text',
    text,
  }),
  respond: (respondWith = 'json', responseBody = '={{ $json }}', code = 200): NodeParameters => ({
    respondWith,
    responseBody,
    options: { responseCode: code },
  }),
  merge: (mode = 'append', extra: NodeParameters = {}): NodeParameters => ({ mode, ...extra }),
  mergeByKey: (field: string): NodeParameters => ({
    mode: 'combine',
    combineBy: 'combineByFields',
    fieldsToMatchString: field,
  }),
  aggregate: (fieldToAggregate: string): NodeParameters => ({
    aggregate: 'aggregateIndividualFields',
    fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate }] },
  }),
  aggregateAll: (destinationFieldName = 'data'): NodeParameters => ({
    aggregate: 'aggregateAllItemData',
    destinationFieldName,
  }),
  summarize: (field: string, aggregation = 'count', splitBy = ''): NodeParameters => ({
    fieldsToSummarize: { values: [{ aggregation, field }] },
    fieldsToSplitBy: splitBy,
  }),
  sort: (fieldName: string, order = 'ascending'): NodeParameters => ({
    sortFieldsUi: { sortField: [{ fieldName, order }] },
  }),
  limit: (maxItems: number): NodeParameters => ({ maxItems }),
  dedupe: (fieldsToCompare: string): NodeParameters => ({ compare: 'selectedFields', fieldsToCompare }),
  splitOut: (fieldToSplitOut: string): NodeParameters => ({ fieldToSplitOut }),
  wait: (amount: number, unit = 'seconds'): NodeParameters => ({ resume: 'timeInterval', amount, unit }),
  sub: (workflowId: string): NodeParameters => ({ source: 'database', workflowId }),
  dateFormat: (date: string, format: string): NodeParameters =>
    ['MM/dd/yyyy', 'yyyy/MM/dd', 'MMMM dd yyyy', 'MM-dd-yyyy', 'yyyy-MM-dd'].includes(format)
      ? { operation: 'formatDate', date, format, outputFieldName: 'formattedDate' }
      : {
          operation: 'formatDate',
          date,
          format: 'custom',
          customFormat: format,
          outputFieldName: 'formattedDate',
        },
  dateAdd: (magnitude: string, duration: number, timeUnit = 'days'): NodeParameters => ({
    operation: 'addToDate',
    magnitude,
    duration,
    timeUnit,
    outputFieldName: 'newDate',
  }),
  hash: (value: string, type = 'SHA256'): NodeParameters => ({
    action: 'hash',
    type,
    value,
    dataPropertyName: 'hash',
  }),
  hmac: (value: string, secret = '={{ $env.WEBHOOK_SECRET }}'): NodeParameters => ({
    action: 'hmac',
    type: 'SHA256',
    value,
    secret,
    dataPropertyName: 'signature',
  }),
  html: (cssSelector: string, key = 'title'): NodeParameters => ({
    operation: 'extractHtmlContent',
    extractionValues: { values: [{ key, cssSelector, returnValue: 'text' }] },
  }),
  xmlToJson: (): NodeParameters => ({ mode: 'xmlToJson', dataPropertyName: 'data' }),
  jsonToXml: (): NodeParameters => ({ mode: 'jsonToxml', dataPropertyName: 'data' }),
  batches: (batchSize: number): NodeParameters => ({ batchSize }),
  stop: (errorMessage: string): NodeParameters => ({ errorType: 'errorMessage', errorMessage }),
  llm: (prompt: string, systemMessage = 'You are a concise assistant.'): NodeParameters => ({
    systemMessage,
    prompt,
  }),
  llmJson: (prompt: string, schema: string): NodeParameters => ({
    prompt,
    outputMode: 'jsonSchema',
    jsonSchema: schema,
  }),
  agent: (prompt: string, tools: string[]): NodeParameters => ({
    prompt,
    tools: {
      tool: tools.map((type) => ({
        type: type === 'executeWorkflow' ? 'workflow' : type,
        name: `${type}_tool`,
        workflowId: 'helper',
      })),
    },
    maxIterations: 6,
  }),
  classify: (text: string, categories: string[]): NodeParameters => ({
    text,
    categories: { categories: categories.map((category) => ({ category })) },
  }),
  extract: (text: string, attributes: string[]): NodeParameters => ({
    text,
    attributes: { attributes: attributes.map((name) => ({ name, type: 'string', required: true })) },
  }),
};
