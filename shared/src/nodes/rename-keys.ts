import { z } from 'zod';
import type { NodeDescription } from '../engine/types.ts';
import { bool, collection, fixed, num, paramsSchema, str } from './helpers.ts';

/** Rename Keys: renames item fields (dot paths), optionally by regex. */
export const renameKeysDescription: NodeDescription = {
  type: 'renameKeys',
  displayName: 'Rename Keys',
  description: 'Renames fields of items',
  group: 'transform',
  pure: true,
  versions: [1],
  icon: 'edit',
  inputs: 1,
  outputs: 1,
  properties: [
    fixed('keys', [{ name: 'key', values: [str('currentKey'), str('newKey')] }]),
    collection('additionalOptions', [
      fixed('regexReplacement', [
        {
          name: 'replacements',
          values: [
            str('searchRegex'),
            str('replaceRegex'),
            collection('options', [bool('caseInsensitive', false), num('depth', -1)]),
          ],
        },
      ]),
    ]),
  ],
  parameterSchema: paramsSchema({
    keys: z
      .looseObject({ key: z.array(z.looseObject({ currentKey: z.string(), newKey: z.string() })).optional() })
      .optional(),
  }),
};
