import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { credentialKeys } from '../../../api/query-keys.ts';
import { inputClass } from '../../../ui/Field.tsx';
import { credentialType } from '../../credentials/credential-types.ts';
import { listCredentials } from '../../credentials/credentials-api.ts';

type Ref = { id?: string | null; name: string };

/** Picks a stored credential of the accepted type for a node; writes `{ [type]: { id, name } }`. */
export function CredentialPicker({
  type,
  required,
  value,
  readOnly,
  onChange,
}: {
  type: string;
  required?: boolean;
  value: Ref | undefined;
  readOnly: boolean;
  onChange: (ref: Ref | undefined) => void;
}) {
  const q = useQuery({ queryKey: credentialKeys.list(), queryFn: listCredentials });
  const options = (q.data ?? []).filter((c) => c.type === type);
  const missing = value && !options.some((c) => c.id === value.id);
  return (
    <div className="space-y-1" data-testid={`credential-picker-${type}`}>
      <span className="text-xs font-medium text-slate-700">
        {credentialType(type).label} credential{required && <span className="text-rose-500"> *</span>}
      </span>
      <select
        className={inputClass}
        disabled={readOnly}
        value={value?.id ?? ''}
        onChange={(e) => {
          const c = options.find((x) => x.id === e.target.value);
          onChange(c ? { id: c.id, name: c.name } : undefined);
        }}
        data-testid={`credential-select-${type}`}
      >
        <option value="">{q.isPending ? 'Loading…' : 'Choose a credential…'}</option>
        {missing && value && <option value={value.id ?? ''}>{value.name} (not available to you)</option>}
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {!q.isPending && options.length === 0 && (
        <p className="text-[11px] text-slate-500">
          None yet.{' '}
          <Link href="/credentials" className="text-indigo-600 hover:underline">
            Create one
          </Link>
          .
        </p>
      )}
    </div>
  );
}
