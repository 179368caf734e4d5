import './extensions.ts';

export { type ExpressionContext, ItemDataScope } from './data.ts';
export {
  MAX_ARRAY_LENGTH,
  MAX_EVAL_ALLOCATION,
  MAX_REGEX_SUBJECT,
  MAX_STRING_LENGTH,
} from './limits.ts';
export { checkRegexSafety, UnsafeRegexError } from './regex-guard.ts';
export { evaluateExpression, resolveParameter } from './resolve.ts';
export { type DataScope, STEP_LIMIT } from './runtime.ts';
export { clearRegExpStatics, SafeRegExp } from './safe-regexp.ts';
export { SecurityError } from './safety.ts';
export {
  type CompiledTemplate,
  compileTemplate,
  isExpression,
  stringify,
  type TemplateMeta,
} from './template.ts';
