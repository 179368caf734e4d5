import type { User } from '../../api/types.ts';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { ProfileForm } from './ProfileForm.tsx';

/** User settings: profile, password, API keys. */
export function SettingsPage({ user }: { user: User }) {
  return (
    <div className="space-y-8">
      <h1 className="text-xl font-semibold">Settings</h1>
      <Section title="Profile" text="Your name is what collaborators see next to your cursor.">
        <ProfileForm user={user} />
      </Section>
      <Section title="Password" text="Changing it signs you out everywhere else.">
        <PasswordForm />
      </Section>
      <Section
        title="API keys"
        text="Programs use these as `Authorization: Bearer <key>`. A key is shown once."
      >
        <ApiKeysSection />
      </Section>
    </div>
  );
}

function Section({ title, text, children }: { title: string; text: string; children: React.ReactNode }) {
  return (
    <section className="grid gap-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 md:grid-cols-3">
      <div>
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="mt-1 text-sm text-slate-500">{text}</p>
      </div>
      <div className="md:col-span-2">{children}</div>
    </section>
  );
}
