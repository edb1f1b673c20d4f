// Contoso's RDS licensing estate as a Pulumi stack. The spec is the same rds.yaml the CLI uses:
// here the lab estate of ../contoso, so `pulumi preview` shows the same drift `rdsctl plan` does.
import * as rds from 'rdsctl/pulumi';

const estate = new rds.Estate('contoso', {
  spec: '../contoso/rds.yaml',
  // Each create, update and delete waits this long for the estate's apply lock.
  lockTimeoutSeconds: 300,
});

// Live values per rdsctl address, e.g. installed and issued licences of each key pack.
export const keyPacks = estate.live.apply((live) =>
  Object.fromEntries(
    Object.entries(live)
      .filter(([address]) => address.includes('.keyPack['))
      .map(([address, values]) => [address, { installed: values.installed, issued: values.issued, available: values.available }]),
  ),
);
export const firewall = estate.resources['licenseServer[lic02.corp.contoso.com].firewall']?.live;
