import { describe, expect, it } from 'vitest';
import { detectVirtualization, type VirtualizationClues } from '../../../src/main/topology/virtualization';

const bare: VirtualizationClues = {
  hypervisorFlag: false,
  hypervisorType: null,
  sysVendor: null,
  productName: null,
  clockSources: 'tsc hpet acpi_pm',
  procVz: false,
  procBc: false,
};
const guest = (clues: Partial<VirtualizationClues>): VirtualizationClues => ({
  ...bare,
  hypervisorFlag: true,
  ...clues,
});

describe('detectVirtualization', () => {
  it.each<[string, Partial<VirtualizationClues>, string]>([
    ['a DMI-less KVM guest (Firecracker) by kvm-clock', { clockSources: 'tsc kvm-clock ' }, 'KVM'],
    ['QEMU/KVM by DMI', { sysVendor: 'QEMU', productName: 'Standard PC (Q35 + ICH9, 2009)' }, 'KVM'],
    ['an EC2 Nitro instance', { sysVendor: 'Amazon EC2', productName: 'm6i.large' }, 'KVM'],
    ['Google Compute Engine', { sysVendor: 'Google', productName: 'Google Compute Engine' }, 'KVM'],
    ['VMware', { sysVendor: 'VMware, Inc.', productName: 'VMware Virtual Platform' }, 'VMware'],
    ['Hyper-V', { sysVendor: 'Microsoft Corporation', productName: 'Virtual Machine' }, 'Microsoft'],
    ['Hyper-V by its clock source', { clockSources: 'tsc hyperv_clocksource_tsc_page' }, 'Microsoft'],
    ['a Xen HVM guest by DMI', { sysVendor: 'Xen', productName: 'HVM domU' }, 'Xen'],
    ['VirtualBox', { sysVendor: 'innotek GmbH', productName: 'VirtualBox' }, 'Innotek GmbH'],
  ])('recognises %s as a full virtualisation by %s', (_name, clues, vendor) => {
    expect(detectVirtualization(guest(clues))).toEqual({ hypervisorVendor: vendor, type: 'full' });
  });

  it('treats a Xen guest without the hypervisor flag as paravirtualised', () => {
    expect(detectVirtualization({ ...bare, hypervisorType: 'xen\n' })).toEqual({
      hypervisorVendor: 'Xen',
      type: 'para',
    });
    expect(detectVirtualization(guest({ hypervisorType: 'xen' }))).toEqual({
      hypervisorVendor: 'Xen',
      type: 'full',
    });
  });

  it('reports bare metal when the x86 hypervisor flag is clear, whatever DMI says', () => {
    expect(detectVirtualization(bare)).toEqual({ hypervisorVendor: null, type: null });
    // EC2 *.metal hosts keep the Amazon DMI strings but run no hypervisor.
    expect(detectVirtualization({ ...bare, sysVendor: 'Amazon EC2', productName: 'c5.metal' })).toEqual({
      hypervisorVendor: null,
      type: null,
    });
  });

  it('does not call a Microsoft laptop a Hyper-V guest', () => {
    const surface = {
      ...bare,
      hypervisorFlag: null,
      sysVendor: 'Microsoft Corporation',
      productName: 'Surface Pro 9',
    };
    expect(detectVirtualization(surface)).toEqual({ hypervisorVendor: null, type: null });
  });

  it('uses DMI alone where the CPU has no hypervisor flag (arm64 guests)', () => {
    expect(detectVirtualization({ ...bare, hypervisorFlag: null, sysVendor: 'QEMU' })).toEqual({
      hypervisorVendor: 'KVM',
      type: 'full',
    });
  });

  it('reports an unknown hypervisor when only the flag is set', () => {
    expect(detectVirtualization(guest({}))).toEqual({ hypervisorVendor: null, type: 'full' });
  });

  it('recognises an OpenVZ container', () => {
    expect(detectVirtualization({ ...bare, procVz: true })).toEqual({
      hypervisorVendor: 'Parallels',
      type: 'container',
    });
    expect(detectVirtualization({ ...bare, procVz: true, procBc: true })).toEqual({
      hypervisorVendor: null,
      type: null,
    });
  });
});
