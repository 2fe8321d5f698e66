import { useState } from 'react';
import { useRequestStore } from '../request/store';

/** Asked when the request's profile has an MFA device: the code goes to main with the next send only. */
export function MfaPrompt({ serial }: { serial: string }) {
  const [code, setCode] = useState('');
  const send = useRequestStore((s) => s.send);
  return (
    <form
      className="mfa-prompt"
      aria-label="MFA code"
      onSubmit={(e) => {
        e.preventDefault();
        if (/^\d{6}$/.test(code)) void send(code);
      }}
    >
      <label>
        MFA code for <span className="mono">{serial}</span>
        <input
          aria-label="MFA code"
          inputMode="numeric"
          maxLength={6}
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <button type="submit" className="primary" disabled={!/^\d{6}$/.test(code)}>
        Send with code
      </button>
    </form>
  );
}
