import { colorFor, initials } from './colors.ts';

/** Round initials avatar in the user's colour. */
export function Avatar({
  name,
  id,
  color,
  size = 28,
  ring,
  testId,
  title,
}: {
  name: string;
  /** Tooltip; defaults to the name. */
  title?: string;
  id: string;
  color?: string;
  size?: number;
  ring?: boolean;
  testId?: string;
}) {
  return (
    <span
      title={title ?? name}
      data-testid={testId}
      className={`inline-grid shrink-0 place-items-center rounded-full font-semibold text-white ${ring ? 'ring-2 ring-white' : ''}`}
      style={{ background: color ?? colorFor(id), width: size, height: size, fontSize: size * 0.4 }}
    >
      {initials(name)}
    </span>
  );
}
