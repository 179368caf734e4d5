import type { NodeDescription } from '@tandem/shared/engine';
import type { NodeParameters } from '@tandem/shared/schema';

/** What the AI needs to know about one node type: identity, ports and a one-line purpose. */
export interface CatalogueEntry {
  type: string;
  displayName: string;
  description: string;
  trigger: boolean;
  /** Latest typeVersion. */
  version: number;
  /** Port counts for given parameters (Switch grows with its rules). */
  inputs(parameters: NodeParameters): number;
  outputs(parameters: NodeParameters): number;
  /** Top-level parameter names (for the prompt). */
  parameterNames: string[];
}

export type NodeCatalogue = Map<string, CatalogueEntry>;

/** Build a catalogue from the engine's node descriptions. */
export function catalogueFromDescriptions(descriptions: readonly NodeDescription[]): NodeCatalogue {
  const out: NodeCatalogue = new Map();
  for (const d of descriptions) {
    const version = d.versions[d.versions.length - 1] ?? 1;
    const count = (pc: NodeDescription['inputs']) => (params: NodeParameters) => {
      try {
        return typeof pc === 'function' ? pc(params, version) : pc;
      } catch {
        return typeof pc === 'number' ? pc : 1;
      }
    };
    out.set(d.type, {
      type: d.type,
      displayName: d.displayName,
      description: d.description,
      trigger: Boolean(d.trigger),
      version,
      inputs: count(d.inputs),
      outputs: count(d.outputs),
      // Hints for prompts: `url*` = required, `method(GET|POST|…)` = allowed values.
      parameterNames: d.properties
        .filter(
          (p) => p.type !== 'notice' && p.type !== 'credentials' && forVersion(p.displayOptions, version),
        )
        .map((p) => {
          const values =
            p.type === 'options' && p.options?.length
              ? `(${p.options
                  .slice(0, 6)
                  .map((o) => String(o.value))
                  .join('|')}${p.options.length > 6 ? '|…' : ''})`
              : '';
          return `${p.name}${p.required ? '*' : ''}${values}`;
        }),
    });
  }
  return out;
}

/** Parameters of other typeVersions (n8n's `@version` display rule) are not shown for the latest one. */
function forVersion(
  display: NodeDescription['properties'][number]['displayOptions'],
  version: number,
): boolean {
  const show = display?.show?.['@version'];
  const hide = display?.hide?.['@version'];
  if (Array.isArray(show) && !show.includes(version)) return false;
  return !(Array.isArray(hide) && hide.includes(version));
}

type Row = [
  type: string,
  displayName: string,
  description: string,
  inputs: number,
  outputs: number | 'switch',
  params: string,
];

// Used until `@tandem/shared/nodes` exposes listNodeDescriptions(); kept to the core types n8n users know.
const FALLBACK: Row[] = [
  ['manualTrigger', 'Manual Trigger', 'Starts the workflow when run from the editor', 0, 1, ''],
  ['webhook', 'Webhook', 'Starts the workflow on an HTTP request', 0, 1, 'httpMethod,path,responseMode'],
  ['scheduleTrigger', 'Schedule Trigger', 'Starts the workflow on a schedule', 0, 1, 'rule'],
  ['errorTrigger', 'Error Trigger', 'Starts when another workflow fails', 0, 1, ''],
  ['executeWorkflowTrigger', 'Execute Workflow Trigger', 'Starts when called by another workflow', 0, 1, ''],
  [
    'httpRequest',
    'HTTP Request',
    'Calls an HTTP API',
    1,
    1,
    'method,url,sendBody,specifyBody,jsonBody,options',
  ],
  ['if', 'If', 'Routes items to true (output 0) or false (output 1)', 1, 2, 'conditions'],
  ['switch', 'Switch', 'Routes items to one output per rule', 1, 'switch', 'mode,rules'],
  ['set', 'Edit Fields', 'Sets or changes fields on items', 1, 1, 'assignments'],
  ['code', 'Code', 'Runs JavaScript on the items', 1, 1, 'mode,language,jsCode'],
  ['merge', 'Merge', 'Combines two inputs', 2, 1, 'mode'],
  ['filter', 'Filter', 'Keeps items matching conditions', 1, 1, 'conditions'],
  ['splitOut', 'Split Out', 'Turns a list field into separate items', 1, 1, 'fieldToSplitOut'],
  ['aggregate', 'Aggregate', 'Combines items into one', 1, 1, 'aggregate,fieldsToAggregate'],
  [
    'summarize',
    'Summarize',
    'Counts, sums or averages fields, optionally grouped',
    1,
    1,
    'fieldsToSummarize,fieldsToSplitBy',
  ],
  ['sort', 'Sort', 'Sorts items', 1, 1, 'sortFieldsUi'],
  ['limit', 'Limit', 'Keeps the first N items', 1, 1, 'maxItems'],
  ['removeDuplicates', 'Remove Duplicates', 'Drops repeated items', 1, 1, 'compare,fieldsToCompare'],
  ['mySql', 'MySQL', 'Queries or writes a MySQL database', 1, 1, 'operation,query,table,columns'],
  ['redis', 'Redis', 'Reads or writes Redis keys', 1, 1, 'operation,key,value'],
  ['emailSend', 'Send Email', 'Sends an email over SMTP', 1, 1, 'fromEmail,toEmail,subject,text'],
  [
    'respondToWebhook',
    'Respond to Webhook',
    'Answers the waiting webhook call',
    1,
    1,
    'respondWith,responseBody',
  ],
  ['wait', 'Wait', 'Pauses before continuing', 1, 1, 'resume,amount,unit'],
  ['executeWorkflow', 'Execute Workflow', 'Runs another workflow', 1, 1, 'source,workflowId'],
  ['dateTime', 'Date & Time', 'Formats or calculates dates', 1, 1, 'operation'],
  ['crypto', 'Crypto', 'Hashes, signs or generates values', 1, 1, 'action,type,value'],
  ['html', 'HTML', 'Extracts content from HTML', 1, 1, 'operation,extractionValues'],
  ['xml', 'XML', 'Converts between XML and JSON', 1, 1, 'mode'],
  [
    'splitInBatches',
    'Loop Over Items',
    'Loops over items in batches: output 0 = done, output 1 = loop',
    1,
    2,
    'batchSize',
  ],
  ['noOp', 'No Operation', 'Does nothing', 1, 1, ''],
  ['stopAndError', 'Stop and Error', 'Fails the execution with a message', 1, 0, 'errorMessage'],
  [
    'llmChat',
    'LLM Chat',
    'Asks a language model, per item',
    1,
    1,
    'systemMessage,prompt,outputMode,jsonSchema',
  ],
  ['agent', 'AI Agent', 'A language model that calls tools in a loop', 1, 1, 'prompt,tools,maxIterations'],
  [
    'textClassifier',
    'Text Classifier',
    'Sorts text into categories with a language model',
    1,
    1,
    'text,categories',
  ],
  [
    'informationExtractor',
    'Information Extractor',
    'Extracts structured fields from text with a language model',
    1,
    1,
    'text,attributes',
  ],
];

/** The built-in catalogue used when the node registry is not available. */
export function fallbackCatalogue(): NodeCatalogue {
  const out: NodeCatalogue = new Map();
  for (const [type, displayName, description, inputs, outputs, params] of FALLBACK) {
    out.set(type, {
      type,
      displayName,
      description,
      trigger: inputs === 0,
      version: 1,
      inputs: () => inputs,
      outputs:
        outputs === 'switch'
          ? (p) => {
              const rules = (p.rules as { values?: unknown[] } | undefined)?.values;
              return (Array.isArray(rules) ? rules.length : 0) + 1;
            }
          : () => outputs,
      parameterNames: params ? params.split(',') : [],
    });
  }
  return out;
}

let cached: Promise<NodeCatalogue> | undefined;

/**
 * The node catalogue from `@tandem/shared/nodes` (`listNodeDescriptions()`), or the built-in fallback when the
 * registry is not there. Cached.
 * @example const cat = await loadNodeCatalogue(); cat.get('httpRequest')?.outputs({}) // 1
 */
export function loadNodeCatalogue(): Promise<NodeCatalogue> {
  cached ??= (async () => {
    try {
      // A variable specifier keeps this optional: the registry module is written by another part of the project.
      const specifier = '@tandem/shared/nodes';
      const mod = (await import(specifier)) as { listNodeDescriptions?: () => NodeDescription[] };
      const list = mod.listNodeDescriptions?.();
      if (Array.isArray(list) && list.length > 0) return catalogueFromDescriptions(list);
    } catch {
      // fall through to the built-in catalogue
    }
    return fallbackCatalogue();
  })();
  return cached;
}
