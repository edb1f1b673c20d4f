/**
 * The provider Pulumi serialises into the stack's state with every dynamic resource. Pulumi
 * serialises a provider together with everything it captures, so this one captures nothing:
 * each method loads rdsctl's runtime by package name in the provider process (resolved from
 * the Pulumi project, where rdsctl is installed) and hands it the resource's inputs, which
 * hold secret references only. No spec, secret, credential or engine object is captured.
 */
import type * as pulumi from '@pulumi/pulumi';

/** The package specifier the provider process imports; the serialised code carries only this. */
export const RUNTIME_SPECIFIER = 'rdsctl/pulumi/runtime';

export const estateResourceProvider: pulumi.dynamic.ResourceProvider = {
  async check(olds, news) {
    // A function built from text imports natively, whatever bundler compiled this module.
    const runtime = await new Function('specifier', 'return import(specifier)')('rdsctl/pulumi/runtime');
    return runtime.check(olds, news);
  },
  async diff(id, olds, news) {
    const runtime = await new Function('specifier', 'return import(specifier)')('rdsctl/pulumi/runtime');
    return runtime.diff(id, olds, news);
  },
  async create(inputs) {
    const runtime = await new Function('specifier', 'return import(specifier)')('rdsctl/pulumi/runtime');
    return runtime.create(inputs);
  },
  async read(id, props) {
    const runtime = await new Function('specifier', 'return import(specifier)')('rdsctl/pulumi/runtime');
    return runtime.read(id, props);
  },
  async update(id, olds, news) {
    const runtime = await new Function('specifier', 'return import(specifier)')('rdsctl/pulumi/runtime');
    return runtime.update(id, olds, news);
  },
  async delete(id, props) {
    const runtime = await new Function('specifier', 'return import(specifier)')('rdsctl/pulumi/runtime');
    return runtime.delete(id, props);
  },
};
