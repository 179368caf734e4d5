import fc from 'fast-check';
import type { ParameterValue, WorkflowJson } from '../schema/workflow.ts';
import { WorkflowJson as WorkflowSchema } from '../schema/workflow.ts';

const key = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('jsCode', 'url', 'query', '__proto__', 'constructor', '0', '10', ''),
);
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 120, maxLength: 200 }),
  fc.constant("={{ $('Node 1').item.json.x }}\nreturn 1;"),
);
const leaf = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)),
  fc.boolean(),
  fc.constant(null),
);
/** Parameter values like n8n writes them: nested objects/arrays of JSON leaves. */
export const paramValue: fc.Arbitrary<ParameterValue> = fc.letrec<{ v: ParameterValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 3 }),
  ),
})).v;

/** Random valid workflow JSON (unique node ids and names), parsed by the schema like the API does. */
export const workflowJson: fc.Arbitrary<WorkflowJson> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 6 })
  .chain((names) =>
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 20 }),
      nodes: fc.tuple(
        ...names.map((name, i) =>
          fc.record(
            {
              id: fc.constant(`id-${i}`),
              name: fc.constant(name),
              type: fc.constantFrom('code', 'n8n-nodes-base.set', 'httpRequest'),
              typeVersion: fc.constantFrom(1, 2, 4.2),
              position: fc.tuple(
                fc.integer({ min: -5000, max: 5000 }),
                fc.integer({ min: -5000, max: 5000 }),
              ),
              parameters: fc.dictionary(key, paramValue, { maxKeys: 4 }),
              disabled: fc.boolean(),
              notes: fc.string({ maxLength: 30 }),
              onError: fc.constantFrom('stopWorkflow', 'continueErrorOutput'),
            },
            { requiredKeys: ['id', 'name', 'type', 'typeVersion', 'position', 'parameters'] },
          ),
        ),
      ),
      connections: fc.dictionary(
        names.length ? fc.oneof(fc.constantFrom(...names), fc.constant('Ghost')) : fc.constant('Ghost'),
        fc.dictionary(
          fc.constantFrom('main', 'ai_tool'),
          fc.array(
            fc.option(
              fc.array(
                fc.record({
                  node: names.length
                    ? fc.oneof(fc.constantFrom(...names), fc.constant('Gone'))
                    : fc.constant('Gone'),
                  type: fc.constantFrom('main', 'ai_tool'),
                  index: fc.integer({ min: 0, max: 2 }),
                }),
                { maxLength: 3 },
              ),
              { freq: 5 },
            ),
            { maxLength: 3 },
          ),
          { maxKeys: 2 },
        ),
        { maxKeys: 4 },
      ),
      settings: fc.record(
        { executionOrder: fc.constantFrom('v0', 'v1'), timezone: fc.string() },
        { requiredKeys: [] },
      ),
      pinData: fc.option(
        fc.dictionary(
          names.length ? fc.oneof(fc.constantFrom(...names), fc.constant('Nope')) : fc.constant('Nope'),
          fc.array(fc.record({ json: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })) }), {
            maxLength: 2,
          }),
        ),
        { nil: undefined },
      ),
      active: fc.option(fc.boolean(), { nil: undefined }),
      tags: fc.option(fc.array(fc.string(), { maxLength: 2 }), { nil: undefined }),
      description: fc.option(fc.string(), { nil: undefined }),
    }),
  )
  .map((raw) => WorkflowSchema.parse(JSON.parse(JSON.stringify(raw))));
