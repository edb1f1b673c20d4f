import { describe, expect, it } from 'vitest';
import type { CheckedAssumption } from '../../model/conformance-report.js';
import { settleSshStreams } from './settle-ssh-streams.js';

const PROBE = 'Zürich · 東京';
const asked: CheckedAssumption = { fact: 'Get-RdsSshStreamEncoding', appliesTo: 'apply', summary: 's', status: 'unknown', observed: 'host side' };
const other: CheckedAssumption = { fact: 'sshExec', appliesTo: 'apply', summary: 's', status: 'held', observed: 'o' };
const streams = { inputEncoding: 'ibm437', outputEncoding: 'utf-8', stdinIntact: true, echo: PROBE };

describe('settleSshStreams', () => {
  it('holds when stdin arrived intact, stdout is UTF-8 and the echo came back as sent; other facts stay as the host said', () => {
    expect(settleSshStreams([other, asked], { transport: 'ssh', streams, probeText: PROBE })).toEqual([
      other,
      { ...asked, status: 'held', observed: 'console input encoding ibm437, output encoding utf-8; rdsctl writes stdin and decodes stdout as utf-8; the non-ASCII probe text came back on stdout as sent' },
    ]);
  });

  it('fails on each way the streams can differ, naming every one', () => {
    const [settled] = settleSshStreams([asked], { transport: 'ssh', streams: { ...streams, outputEncoding: 'Windows-1252', stdinIntact: false, echo: 'ZÃ¼rich' }, probeText: PROBE });
    expect(settled).toEqual({
      ...asked,
      status: 'failed',
      observed:
        'console input encoding ibm437, output encoding Windows-1252; rdsctl writes stdin and decodes stdout as utf-8; the probe text arrived altered on stdin; stdout is encoded as Windows-1252; the probe text came back as "ZÃ¼rich", sent as "Zürich · 東京"',
    });
  });

  it('is not applicable through PowerShell remoting, and unknown when the host sent no report', () => {
    expect(settleSshStreams([asked], { transport: 'psrp-ssh', streams, probeText: PROBE })[0]).toMatchObject({ status: 'notApplicable', observed: "reached through the psrp-ssh transport, not the ssh transport's stdin and stdout" });
    expect(settleSshStreams([asked], { transport: 'ssh', streams: { echo: PROBE }, probeText: PROBE })[0]).toMatchObject({ status: 'unknown', observed: 'the host did not report its console encodings' });
    const local = { ...asked, status: 'notApplicable' as const, observed: 'not reached through OpenSSH exec' };
    expect(settleSshStreams([local], { transport: 'local', streams: undefined, probeText: PROBE })).toEqual([local]);
  });
});
