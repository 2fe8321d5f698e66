import { useIam } from './store';

/** The AWS CLI commands, the resource-policy note and the CloudFormation of the last generate. */
export function GeneratedNotes() {
  const generated = useIam((s) => s.generated);
  if (generated.state !== 'success') return null;
  const setup = generated.value;
  return (
    <section className="iam-section" aria-label="How to create them">
      <h3>How to create them</h3>
      <ul className="iam-notes">
        {setup.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      <pre className="iam-commands" aria-label="AWS CLI commands">
        {setup.commands.join('\n')}
      </pre>
      <details>
        <summary>CloudFormation, API account</summary>
        <pre>{setup.cloudFormation.apiAccount}</pre>
      </details>
      <details>
        <summary>CloudFormation, caller account</summary>
        <pre>{setup.cloudFormation.callerAccount}</pre>
      </details>
    </section>
  );
}
