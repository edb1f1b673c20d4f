/**
 * Resetting a session host's licensing grace period on Windows is a manual step: the value
 * lives in a key owned by SYSTEM whose ACL denies administrators until ownership is taken
 * (windows-reference.md section 1.9), and no supported procedure automates it. These are the
 * troubleshooting guide's steps, corrected by the reference: delete the one timebomb value, not
 * every value of the key, and give the key back to SYSTEM afterwards.
 */
export const GRACE_PERIOD_KEY = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\GracePeriod';
export const GRACE_PERIOD_VALUE = 'L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588';

export const GRACE_RESET_STEPS: readonly string[] = [
  `on the session host, as an administrator, open regedit at ${GRACE_PERIOD_KEY} and export the key as a backup`,
  'right-click GracePeriod, Permissions, Advanced: change the owner to your account, then give yourself Full Control',
  `delete the value ${GRACE_PERIOD_VALUE} (only that value; keep the key)`,
  'set the owner back to NT AUTHORITY\\SYSTEM and remove the Full Control you added',
  'restart the Remote Desktop Services service (Restart-Service TermService -Force), which disconnects every session, or restart the host',
  'check: (Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting | Invoke-CimMethod -MethodName GetGracePeriodDays).DaysLeft shows the days left',
];

/** The steps as one line, numbered, for a plan's refusal remedy. */
export function describeGraceResetSteps(): string {
  return `reset it by hand: ${GRACE_RESET_STEPS.map((step, index) => `(${index + 1}) ${step}`).join('; ')}`;
}
