// The demo domains of `npm run demo` (scripts/demo.mjs): one healthy enforce domain and three
// kinds of trouble.

/** The world's domain list; `policyText` renders a policy from {mode, mx, maxAge}. */
export function demoDomains({ policyText }) {
  return [
    {
      // Everything right: nothing at warning or above.
      domain: 'healthy.example',
      mx: [{ host: 'mx1.healthy.example' }, { host: 'mx2.healthy.example', addresses: 2 }],
      policy: {
        text: policyText({
          mode: 'enforce',
          mx: ['mx1.healthy.example', 'mx2.healthy.example'],
          maxAge: 1209600,
        }),
        addresses: 2,
      },
    },
    {
      // Testing mode with problems: warnings that would become errors under enforce.
      domain: 'trial.example',
      tlsRpt: null,
      mx: [
        { host: 'mx.trial.example', cert: 'expiring' },
        { host: 'relay.trial.example', cert: 'wrong-host' },
      ],
      policy: { text: policyText({ mode: 'testing', mx: ['*.trial.example'], maxAge: 86400 }) },
    },
    {
      // Enforce with an MX missing from the policy and an expired MX certificate: mail is refused.
      domain: 'broken.example',
      mx: [{ host: 'mx1.broken.example', cert: 'expired' }, { host: 'backup.broken.example' }],
      policy: { text: policyText({ mode: 'enforce', mx: ['mx1.broken.example'] }) },
    },
    {
      // A policy host that redirects and no TLS-RPT: senders cannot use the policy at all.
      domain: 'moved.example',
      tlsRpt: null,
      mx: [{ host: 'mx.moved.example' }],
      policy: {
        text: '',
        response: { status: 301, headers: { location: 'https://www.moved.example/.well-known/mta-sts.txt' } },
      },
    },
  ];
}
