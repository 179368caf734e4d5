import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, num, opts, param, paramsSchema, show, str } from './helpers.ts';

const TABLE_OPS = ['insert', 'update', 'upsert', 'select', 'deleteTable'];

/** MySQL v2: select / insert / update / upsert / delete / execute query, always with bound parameters. */
export const mySqlDescription: NodeDescription = {
  type: 'mySql',
  displayName: 'MySQL',
  description: 'Reads and writes a MySQL / MariaDB database',
  group: 'input',
  versions: [2, 2.1, 2.2, 2.3, 2.4],
  icon: 'database',
  inputs: 1,
  outputs: 1,
  credentials: [{ name: 'mySql', required: true }],
  properties: [
    opts(
      'operation',
      [
        ['deleteTable', 'Delete'],
        ['executeQuery', 'Execute SQL'],
        ['insert', 'Insert'],
        ['upsert', 'Insert or Update'],
        ['select', 'Select'],
        ['update', 'Update'],
      ],
      'insert',
    ),
    param('table', 'string', '', {
      required: true,
      description: 'Table name or resource locator {__rl, value, mode}',
      ...show({ operation: TABLE_OPS }),
    }),
    param('query', 'string', '', {
      required: true,
      typeOptions: { editor: 'sql' },
      ...show({ operation: ['executeQuery'] }),
    }),
    opts('deleteCommand', ['truncate', 'delete', 'drop'], 'truncate', show({ operation: ['deleteTable'] })),
    opts(
      'dataMode',
      ['autoMapInputData', 'defineBelow'],
      'autoMapInputData',
      show({ operation: ['insert', 'update', 'upsert'] }),
    ),
    fixed(
      'valuesToSend',
      [{ name: 'values', values: [str('column'), str('value')] }],
      show({ dataMode: ['defineBelow'] }),
    ),
    str('columnToMatchOn', '', show({ operation: ['update', 'upsert'] })),
    str('valueToMatchOn', '', show({ operation: ['update', 'upsert'], dataMode: ['defineBelow'] })),
    bool('returnAll', false, show({ operation: ['select'] })),
    num('limit', 50, show({ operation: ['select'], returnAll: [false] })),
    fixed(
      'where',
      [
        {
          name: 'values',
          values: [
            str('column'),
            opts(
              'condition',
              [
                'equal',
                'notEqual',
                'LIKE',
                'greater',
                'less',
                'greaterOrEqual',
                'lessOrEqual',
                'IS NULL',
                'IS NOT NULL',
              ],
              'equal',
            ),
            str('value'),
          ],
        },
      ],
      show({ operation: ['select', 'deleteTable'] }),
    ),
    opts('combineConditions', ['AND', 'OR'], 'AND', show({ operation: ['select', 'deleteTable'] })),
    fixed(
      'sort',
      [{ name: 'values', values: [str('column'), opts('direction', ['ASC', 'DESC'], 'ASC')] }],
      show({ operation: ['select'] }),
    ),
    collection('options', [
      str('queryReplacement', '', { description: 'Comma-separated values bound to $1, $2… in the query' }),
      opts('queryBatching', ['single', 'independently', 'transaction'], 'single'),
      str('outputColumns', ''),
      bool('detailedOutput', false),
    ]),
  ],
  parameterSchema: paramsSchema({
    operation: z.enum(['deleteTable', 'executeQuery', 'insert', 'upsert', 'select', 'update']).optional(),
    query: z.string().optional(),
  }),
};
