/**
 * Best-effort hypervisor detection from files an unprivileged process can read.
 *
 * lscpu asks the CPU itself (the CPUID hypervisor leaf); Node cannot, so this combines the
 * clues sysfs leaves: the x86 `hypervisor` flag, `/sys/hypervisor/type` (Xen), DMI vendor and
 * product names, and paravirtual clock sources (`kvm-clock`, Hyper-V's, Xen's), which a
 * guest without DMI (Firecracker, for one) still shows.
 */
import type { Virtualization } from '../../shared/topology';

/** The raw clues, each null when its file is absent. */
export interface VirtualizationClues {
  /** x86 `hypervisor` flag; null when the CPU has no such flag (non-x86). */
  hypervisorFlag: boolean | null;
  /** Contents of `/sys/hypervisor/type`. */
  hypervisorType: string | null;
  /** `/sys/class/dmi/id/sys_vendor`. */
  sysVendor: string | null;
  /** `/sys/class/dmi/id/product_name`. */
  productName: string | null;
  /** `/sys/devices/system/clocksource/clocksource0/available_clocksource`. */
  clockSources: string | null;
  /** `/proc/vz` exists (OpenVZ/Virtuozzo). */
  procVz: boolean;
  /** `/proc/bc` exists (only on the OpenVZ host, not in its containers). */
  procBc: boolean;
}

// DMI strings → lscpu's vendor names. Cloud VMs built on KVM report KVM, as lscpu does.
const DMI_VENDORS: Array<[RegExp, string]> = [
  [/^QEMU|KVM|^Bochs|^Google|^OpenStack|^DigitalOcean|^Hetzner|^Amazon EC2|^Alibaba Cloud/i, 'KVM'],
  [/VMware/i, 'VMware'],
  [/^Xen/i, 'Xen'],
  [/^Parallels/i, 'Parallels'],
  [/^innotek GmbH/i, 'Innotek GmbH'],
  [/VirtualBox/i, 'Oracle'],
];

function fromDmi(sysVendor: string | null, productName: string | null): string | null {
  const vendor = sysVendor?.trim() ?? '';
  const product = productName?.trim() ?? '';
  // Hyper-V guests say "Microsoft Corporation" / "Virtual Machine"; Surface laptops say Microsoft too.
  if (/^Microsoft/i.test(vendor)) return /Virtual Machine/i.test(product) ? 'Microsoft' : null;
  for (const [pattern, name] of DMI_VENDORS) if (pattern.test(vendor) || pattern.test(product)) return name;
  return null;
}

function fromClockSources(clockSources: string | null): string | null {
  const sources = clockSources?.split(/\s+/) ?? [];
  if (sources.includes('kvm-clock')) return 'KVM';
  if (sources.some((s) => s.startsWith('hyperv_clocksource'))) return 'Microsoft';
  if (sources.includes('xen')) return 'Xen';
  return null;
}

/** Combines the clues into lscpu's "Hypervisor vendor" and "Virtualization type". */
export function detectVirtualization(clues: VirtualizationClues): Virtualization {
  // Xen PV guests lack the hypervisor flag; HVM guests have it.
  if (clues.hypervisorType?.trim().toLowerCase() === 'xen') {
    return { hypervisorVendor: 'Xen', type: clues.hypervisorFlag === false ? 'para' : 'full' };
  }
  // On x86 a clear flag means bare metal: DMI says "Amazon EC2" on *.metal hosts too.
  if (clues.hypervisorFlag !== false) {
    const vendor = fromClockSources(clues.clockSources) ?? fromDmi(clues.sysVendor, clues.productName);
    if (vendor) return { hypervisorVendor: vendor, type: 'full' };
    if (clues.hypervisorFlag === true) return { hypervisorVendor: null, type: 'full' };
  }
  if (clues.procVz && !clues.procBc) return { hypervisorVendor: 'Parallels', type: 'container' };
  return { hypervisorVendor: null, type: null };
}
