const palette = [
  '#e11d48',
  '#d97706',
  '#059669',
  '#0284c7',
  '#7c3aed',
  '#db2777',
  '#0d9488',
  '#4f46e5',
  '#ea580c',
];

/**
 * Stable colour for a user id (same person, same colour, on every screen).
 * @example colorFor('u1') // '#0284c7'
 */
export function colorFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return palette[h % palette.length];
}

/** Up to two initials of a display name. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  return (parts[0][0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}
