import { useMemo, useState } from 'react';
import type { SsoAccountSummary } from '../../shared/api/sso';

interface SsoAccountListProps {
  readonly accounts: readonly SsoAccountSummary[];
  /** Disables the buttons while a session is being made. */
  readonly busy: boolean;
  readonly onPick: (accountId: string, roleName: string) => void;
}

/** The accounts and roles a sign-in may use, filtered by what the user types (name, id, e-mail or role). */
export function SsoAccountList({ accounts, busy, onPick }: SsoAccountListProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return accounts
      .map((account) => {
        const about = `${account.accountName} ${account.accountId} ${account.emailAddress}`.toLowerCase();
        const roles = account.roles.filter((role) => words.every((w) => `${about} ${role.toLowerCase()}`.includes(w)));
        return { ...account, roles };
      })
      .filter((account) => account.roles.length > 0);
  }, [accounts, query]);

  return (
    <div className="sso-accounts">
      <input
        type="search"
        aria-label="Search accounts and roles"
        placeholder="Search accounts and roles"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {shown.length === 0 && <p className="muted">No account or role matches.</p>}
      <ul aria-label="SSO accounts">
        {shown.map((account) => (
          <li key={account.accountId} className="sso-account">
            <div>
              <strong>{account.accountName || account.accountId}</strong>{' '}
              <span className="mono muted">{account.accountId}</span>
            </div>
            {account.emailAddress && <div className="muted">{account.emailAddress}</div>}
            <div className="sso-roles">
              {account.roles.map((role) => (
                <button
                  key={role}
                  type="button"
                  disabled={busy}
                  aria-label={`Use ${role} in ${account.accountId}`}
                  onClick={() => onPick(account.accountId, role)}
                >
                  {role}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
