import {
  createRegistry,
  type Item,
  type NodeType,
  runWorkflow,
  workflowBuilder,
} from '@tandem/shared/engine';
import { getNodeDescription } from '@tandem/shared/nodes';
import type { WorkflowNode } from '@tandem/shared/schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInMemoryAgentMemory } from '../ai/nodes/agent-memory.ts';
import type { UsageRecord } from '../ai/provider/types.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../ai/testing/fake-openai-server.ts';
import { agentNode } from './agent.ts';
import { informationExtractorNode } from './information-extractor.ts';
import { llmChatNode } from './llm-chat.ts';
import { textClassifierNode } from './text-classifier.ts';

const trigger: NodeType = {
  description: getNodeDescription('manualTrigger')!,
  execute: (ctx) => [ctx.inputs[0]?.length ? ctx.inputs[0] : [{ json: {} }]],
};
const registry = createRegistry([
  trigger,
  llmChatNode,
  agentNode,
  textClassifierNode,
  informationExtractorNode,
]);

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
});

async function run(
  type: string,
  parameters: Record<string, unknown>,
  items: Item[],
  extra: Record<string, unknown> = {},
  node: Partial<WorkflowNode> = {},
) {
  const usage: UsageRecord[] = [];
  const wf = workflowBuilder()
    .node('Start', 'manualTrigger')
    .node('AI', type, parameters as WorkflowNode['parameters'], node)
    .connect('Start', 'AI')
    .build();
  const result = await runWorkflow({
    workflow: wf,
    nodeTypes: registry,
    triggerItems: items,
    services: {
      now: () => Date.now(),
      aiDefaultCredential: () => ({ apiKey: 'sk-default', url: fake.url }),
      onAiUsage: (u: UsageRecord) => void usage.push(u),
      ...extra,
    },
  });
  const task = result.runData.AI?.[0];
  return { result, task, json: task?.data.main[0]?.map((i) => i.json) ?? [], usage };
}

describe('LLM Chat node', () => {
  it('asks once per item with resolved expressions, records usage', async () => {
    fake.enqueue({ text: 'Hi Ada' }, { text: 'Hi Bob' });
    const { json, usage } = await run(
      'llmChat',
      { systemMessage: 'Be brief.', prompt: '=Greet {{ $json.name }}' },
      [{ json: { name: 'Ada' } }, { json: { name: 'Bob' } }],
    );
    expect(json).toEqual([
      { name: 'Ada', text: 'Hi Ada' },
      { name: 'Bob', text: 'Hi Bob' },
    ]);
    expect(fake.requests[1].body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Greet Bob' },
    ]);
    expect(fake.requests[0].authorization).toBe('Bearer sk-default');
    expect(usage.map((u) => u.operation)).toEqual(['node:llmChat', 'node:llmChat']);
  });

  it('uses the node credential and model, and JSON-schema mode validates (with one repair)', async () => {
    fake.enqueue({ json: { sentiment: 'great' } }, { json: { sentiment: 'positive', score: 0.9 } });
    const schema =
      '{"type":"object","properties":{"sentiment":{"type":"string","enum":["positive","negative"]},"score":{"type":"number"}},"required":["sentiment","score"]}';
    const { json } = await run(
      'llmChat',
      {
        prompt: '=Rate: {{ $json.review }}',
        outputMode: 'jsonSchema',
        jsonSchema: schema,
        model: 'my-model',
      },
      [{ json: { review: 'love it' } }],
      { getCredentials: async () => ({ apiKey: 'sk-node', url: fake.url }) },
      { credentials: { openAiApi: { id: '1', name: 'mine' } } },
    );
    expect(json).toEqual([{ review: 'love it', sentiment: 'positive', score: 0.9 }]);
    expect(fake.requests[0].authorization).toBe('Bearer sk-node');
    expect(fake.requests[0].body.model).toBe('my-model');
    expect(fake.requests[0].body.response_format.json_schema.schema.required).toEqual(['sentiment', 'score']);
  });

  it('fails the node clearly on bad output, or emits an error item with continueOnFail', async () => {
    fake.enqueue({ text: '{broken' }, { text: 'still {broken' });
    const schema = '{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}';
    const failed = await run('llmChat', { prompt: 'x', outputMode: 'jsonSchema', jsonSchema: schema }, [
      { json: {} },
    ]);
    expect(failed.result.status).toBe('error');
    expect(failed.result.error?.message).toMatch(/did not match the expected format/);
    fake.enqueue({ text: '{broken' }, { text: 'still {broken' });
    const cont = await run(
      'llmChat',
      { prompt: 'x', outputMode: 'jsonSchema', jsonSchema: schema },
      [{ json: { id: 1 } }],
      {},
      { onError: 'continueRegularOutput' },
    );
    expect(cont.json[0]).toMatchObject({ id: 1, error: expect.stringMatching(/expected format/) });
    const badSchema = await run('llmChat', { prompt: 'x', outputMode: 'jsonSchema', jsonSchema: '{nope' }, [
      { json: {} },
    ]);
    expect(badSchema.result.error?.message).toBe('The JSON schema is not valid JSON');
  });

  it('says clearly when no AI credential is configured', async () => {
    if (process.env.OPENAI_API_KEY) return;
    const { result } = await run('llmChat', { prompt: 'x' }, [{ json: {} }], {
      aiDefaultCredential: () => undefined,
    });
    expect(result.error?.message).toMatch(/No AI credential is configured/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Text Classifier and Information Extractor nodes', () => {
  it('classifies into the configured categories only', async () => {
    fake.enqueue(
      { json: { category: 'refund' } },
      { json: { category: 'billing' } },
      { json: { category: 'other' } },
    );
    const params = {
      text: '={{ $json.t }}',
      categories: {
        categories: [{ category: 'billing' }, { category: 'bug', description: 'broken things' }],
      },
    };
    const { json } = await run('textClassifier', params, [
      { json: { t: 'charged twice' } },
      { json: { t: 'weather?' } },
    ]);
    expect(json).toEqual([
      { t: 'charged twice', category: 'billing' },
      { t: 'weather?', category: 'other' },
    ]);
    expect(fake.requests[0].body.response_format.json_schema.schema.properties.category.enum).toEqual([
      'billing',
      'bug',
      'other',
    ]);
    expect(fake.requests[0].body.messages[1].content).toBe('<text>\ncharged twice\n</text>');
    const one = await run('textClassifier', { text: 'x', categories: { categories: [{ category: 'a' }] } }, [
      { json: {} },
    ]);
    expect(one.result.error?.message).toBe('Add at least two categories');
  });

  it('extracts typed fields, null when absent', async () => {
    fake.enqueue({ json: { invoiceNumber: 'INV-7', amount: 120.5, dueDate: null } });
    const params = {
      text: '={{ $json.body }}',
      attributes: {
        attributes: [
          { name: 'invoiceNumber', type: 'string', required: true },
          { name: 'amount', type: 'number' },
          { name: 'dueDate', type: 'date' },
        ],
      },
    };
    const { json } = await run('informationExtractor', params, [
      { json: { body: 'Invoice INV-7 total 120.50' } },
    ]);
    expect(json).toEqual([
      { body: 'Invoice INV-7 total 120.50', invoiceNumber: 'INV-7', amount: 120.5, dueDate: null },
    ]);
    fake.enqueue({ json: { invoiceNumber: 7 } }, { json: { amount: 'lots' } });
    const bad = await run('informationExtractor', params, [{ json: { body: 'x' } }]);
    expect(bad.result.status).toBe('error');
  });
});

describe('Agent node', () => {
  const tools = {
    tool: [
      {
        type: 'httpRequest',
        name: 'get_order',
        description: 'Look up an order',
        method: 'GET',
        url: 'https://shop.example.com/orders',
      },
      {
        type: 'code',
        name: 'add_tax',
        jsCode: 'return [{ json: { total: $input.first().json.amount * 1.2 } }];',
      },
      { type: 'workflow', name: 'notify', workflowId: 'wf-notify' },
    ],
  };

  it('runs the tool loop, records every call, feeds results back', async () => {
    const fetched: string[] = [];
    const fetchStub = async (url: URL | string) => {
      fetched.push(String(url));
      return new Response(JSON.stringify({ id: 42, amount: 100 }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const subRuns: unknown[] = [];
    fake.enqueue(
      { toolCalls: [{ name: 'get_order', arguments: { query: { id: '42' } } }] },
      {
        toolCalls: [
          { name: 'add_tax', arguments: { input: { amount: 100 } } },
          { name: 'notify', arguments: { input: { total: 120 } } },
        ],
      },
      {
        toolCalls: [
          { name: 'nope', arguments: {} },
          { name: 'get_order', arguments: '{not json' },
        ],
      },
      { text: 'Order 42 costs 120 with tax.' },
    );
    const { json, task } = await run(
      'agent',
      { prompt: '={{ $json.q }}', tools, maxIterations: 5 },
      [{ json: { q: 'What does order 42 cost with tax?' } }],
      {
        fetch: fetchStub,
        runSubWorkflow: async (req: { items: Item[] }) => {
          subRuns.push(req.items[0].json);
          return { data: [[{ json: { sent: true } }]] };
        },
      },
    );
    expect(json[0].output).toBe('Order 42 costs 120 with tax.');
    expect(json[0].iterations).toBe(4);
    const calls = json[0].toolCalls as { tool: string; result?: unknown; error?: string }[];
    expect(calls.map((c) => c.tool)).toEqual(['get_order', 'add_tax', 'notify', 'nope', 'get_order']);
    expect(calls[0].result).toEqual({ status: 200, body: { id: 42, amount: 100 } });
    expect(calls[1].result).toEqual([{ total: 120 }]);
    expect(calls[2].result).toEqual([{ sent: true }]);
    expect(calls[3].error).toBe('there is no tool named "nope"');
    expect(calls[4].error).toBe('the tool arguments are not valid JSON');
    expect(fetched).toEqual(['https://shop.example.com/orders?id=42']);
    expect(subRuns).toEqual([{ total: 120 }]);
    expect(task?.logs?.length).toBe(5);
    const toolMsgs = fake.requests[3].body.messages.filter((m: { role: string }) => m.role === 'tool');
    expect(toolMsgs.map((m: { content: string }) => m.content)).toContain('[{"total":120}]');
    expect(fake.requests[0].body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual([
      'get_order',
      'add_tax',
      'notify',
    ]);
  });

  it('stops after max iterations with a clear error', async () => {
    fake.setHandler(() => ({ toolCalls: [{ name: 'add_tax', arguments: { input: { amount: 1 } } }] }));
    const { result } = await run('agent', { prompt: 'loop', tools, maxIterations: 2 }, [{ json: {} }]);
    expect(result.error?.message).toBe('The agent did not finish within 2 iterations');
    expect(fake.requests).toHaveLength(2);
  });

  it('keeps memory per key across runs', async () => {
    const agentMemory = createInMemoryAgentMemory();
    fake.enqueue(
      { text: 'Nice to meet you, Ada.' },
      { text: 'Your name is Ada.' },
      { text: 'I do not know.' },
    );
    const params = { prompt: '={{ $json.msg }}', memoryKey: '={{ $json.session }}' };
    await run('agent', params, [{ json: { session: 's1', msg: 'I am Ada' } }], { agentMemory });
    await run('agent', params, [{ json: { session: 's1', msg: 'Who am I?' } }], { agentMemory });
    await run('agent', params, [{ json: { session: 's2', msg: 'Who am I?' } }], { agentMemory });
    const contents = (i: number) => fake.requests[i].body.messages.map((m: { content: string }) => m.content);
    expect(contents(1)).toEqual([
      'You are a helpful assistant.',
      'I am Ada',
      'Nice to meet you, Ada.',
      'Who am I?',
    ]);
    expect(contents(2)).toEqual(['You are a helpful assistant.', 'Who am I?']);
  });
});
