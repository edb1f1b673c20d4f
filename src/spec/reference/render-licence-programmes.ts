/**
 * The "Licence programmes" part of the spec reference: for each `program`, the secret keys the
 * schema makes it require and how Windows installs it (windows-reference.md §2.8).
 */
import type { KeyPackChannel } from '../../model/live-state.js';
import type { LicenseProgram } from '../../model/spec.js';
import { formatCode, renderTable } from './markdown-text.js';
import { resolveSchemaNode, type SchemaNode } from './schema-node.js';

export interface LicenceProgrammeInstall {
  /** The `Win32_TSLicenseKeyPack` method that installs the programme's licences. */
  readonly call: string;
  /** `AgreementType` of `InstallAgreementLicenseKeyPack`, with the name Windows documents for it. */
  readonly agreementType?: { readonly value: number; readonly name: string };
  /** The key pack type the installed licences are expected to show (an inference, see below). */
  readonly channel: KeyPackChannel;
}

const AGREEMENT = 'InstallAgreementLicenseKeyPack';

export const LICENCE_PROGRAMME_INSTALLS: Readonly<Record<LicenseProgram, LicenceProgrammeInstall>> = {
  select: { call: AGREEMENT, agreementType: { value: 0, name: 'Select' }, channel: 'volume' },
  enterpriseAgreement: { call: AGREEMENT, agreementType: { value: 1, name: 'Enterprise Agreement' }, channel: 'volume' },
  campus: { call: AGREEMENT, agreementType: { value: 2, name: 'Campus' }, channel: 'volume' },
  school: { call: AGREEMENT, agreementType: { value: 3, name: 'School' }, channel: 'volume' },
  serviceProvider: { call: AGREEMENT, agreementType: { value: 4, name: 'Service Provider, SPLA' }, channel: 'volume' },
  otherAgreement: {
    call: AGREEMENT,
    agreementType: { value: 5, name: 'other agreement: Open Value, multi-year Open, Open Subscription' },
    channel: 'volume',
  },
  open: { call: 'InstallOpenLicenseKeyPack', channel: 'open' },
  retail: { call: 'InstallRetailPurchaseLicenseKeyPack', channel: 'retail' },
};

/** Windows `KeyPackType` of the channels programmes install as. */
const KEY_PACK_TYPES: Partial<Record<KeyPackChannel, number>> = { retail: 1, volume: 2, open: 5 };

const INTRODUCTION = `A key pack's \`program\` decides which secrets it needs and which \`Win32_TSLicenseKeyPack\`
method installs its licences.`;

const NOTES = `Write secrets as Windows takes them, without hyphens: an agreement or enrollment number is 7
digits, an Open licence number 8 digits and its authorisation number 15 letters or digits, a
retail licence code 25 letters or digits. A retail code can be installed once only.

Agreement programmes install as volume packs (\`KeyPackType\` 2). Windows does not document which
key pack type an install produces: the channel column is an inference, and rdsctl relies on it.
Windows never shows an agreement number or a retail code again once a pack is installed, so
rdsctl cannot tell installed packs apart by their secret; it counts installed licences per
(product, CAL type, channel), the channel being the key pack type, and attributes them to the
spec's key packs of that group in the order the spec lists them. A pack short of its \`quantity\` gets an install of
the missing licences only, computed again from live state at apply time, so a re-run never
installs twice. Built-in and temporary packs never count.`;

export function renderLicenceProgrammes(document: SchemaNode): string {
  const keyPack = definition(document, 'keyPack');
  const programmes = definition(document, 'licenseProgram').enum ?? [];
  const rules = [...(keyPack.allOf ?? []), keyPack].filter((rule) => rule.if !== undefined);
  const rows = programmes.map((value) => {
    const program = value as LicenseProgram;
    const install = LICENCE_PROGRAMME_INSTALLS[program] as LicenceProgrammeInstall | undefined;
    if (install === undefined) throw new Error(`the reference does not say how Windows installs program ${String(value)}`);
    const secrets = rules.filter((rule) => conditionAllows(rule.if ?? {}, 'program', program)).flatMap((rule) => rule.then?.required ?? []);
    const agreement = install.agreementType === undefined ? '' : `, \`AgreementType\` ${install.agreementType.value} (${install.agreementType.name})`;
    const keyPackType = KEY_PACK_TYPES[install.channel];
    if (keyPackType === undefined) throw new Error(`no KeyPackType is known for channel ${install.channel}`);
    return [formatCode(program), secrets.length === 0 ? 'none' : secrets.map(formatCode).join(', '), `\`${install.call}\`${agreement}`, `${formatCode(install.channel)} (${keyPackType})`];
  });
  const table = renderTable(['program', 'secret keys', 'Windows installs it with', 'channel (`KeyPackType`)'], rows);
  return `${INTRODUCTION}\n\n${table}\n\n${NOTES}`;
}

function definition(document: SchemaNode, name: string): SchemaNode {
  const node = document.definitions?.[name];
  if (node === undefined) throw new Error(`the schema has no definitions/${name}`);
  return resolveSchemaNode(document, node);
}

function conditionAllows(test: SchemaNode, key: string, value: string): boolean {
  const condition = test.properties?.[key];
  if (condition === undefined) return false;
  return condition.const === value || (condition.enum?.includes(value) ?? false);
}
