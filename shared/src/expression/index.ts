import './extensions.ts';

export { type ExpressionContext, ItemDataScope } from './data.ts';
export { evaluateExpression, resolveParameter } from './resolve.ts';
export { type DataScope, STEP_LIMIT } from './runtime.ts';
export { SecurityError } from './safety.ts';
export {
  type CompiledTemplate,
  compileTemplate,
  isExpression,
  stringify,
  type TemplateMeta,
} from './template.ts';
