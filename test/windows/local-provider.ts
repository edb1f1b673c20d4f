/** A windows provider over the local transport, served by the test double. */
import type { Provider } from '../../src/providers/provider.js';
import { createWindowsProvider } from '../../src/providers/windows/create-windows-provider.js';
import type { WindowsProviderOptions } from '../../src/providers/windows/windows-provider-context.js';
import type { ConnectionSpec } from '../../src/model/spec.js';
import type { DoubleDirectory } from './windows-double-fixtures.js';

export function createLocalProvider(double: DoubleDirectory, pwsh: string, connection: Partial<ConnectionSpec> = {}, options: Pick<WindowsProviderOptions, 'readComputerAccounts' | 'connectionBrokers'> = {}): Provider {
  return createWindowsProvider({
    connection: { provider: 'windows', transport: 'local', gpoManagementHost: 'dc01.corp.contoso.com', timeoutSeconds: 60, ...connection },
    specDirectory: double.path,
    parallelism: 8,
    environment: double.environment,
    powershell: { file: pwsh, edition: 'core' },
    ...options,
  });
}
