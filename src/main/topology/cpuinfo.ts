/** Parsing of `/proc/cpuinfo` for the fields lscpu shows in its summary. */

/** What Parascope takes from `/proc/cpuinfo`. */
export interface CpuInfoSummary {
  /** "model name" (x86) or a best-effort name elsewhere; null when absent. */
  modelName: string | null;
  /** "vendor_id" (x86) or the ARM implementer's name; null when absent. */
  vendor: string | null;
  /** x86 "flags" or ARM "Features", in kernel order. */
  flags: string[];
  /**
   * Whether the x86 `hypervisor` flag is set; null where cpuinfo has no x86 flags line
   * (ARM and others have no such flag, so absence proves nothing there).
   */
  hypervisorFlag: boolean | null;
}

// ARM "CPU implementer" codes lscpu knows best (util-linux lscpu-arm.c).
const ARM_IMPLEMENTERS: Record<string, string> = {
  '0x41': 'ARM',
  '0x42': 'Broadcom',
  '0x43': 'Cavium',
  '0x48': 'HiSilicon',
  '0x4e': 'NVIDIA',
  '0x50': 'APM',
  '0x51': 'Qualcomm',
  '0x61': 'Apple',
  '0x69': 'Intel',
  '0x6d': 'Microsoft',
  '0xc0': 'Ampere',
};

/** Key → value of the first processor block (later blocks repeat the same model and flags). */
function firstBlock(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let seenProcessor = false;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      // A blank line ends the first processor block once one has started.
      if (line.trim() === '' && seenProcessor) break;
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'processor') seenProcessor = true;
    if (!fields.has(key)) fields.set(key, value);
  }
  return fields;
}

/** Extracts model name, vendor and flags from the text of `/proc/cpuinfo`. */
export function parseCpuInfo(text: string): CpuInfoSummary {
  const f = firstBlock(text);
  const x86Flags = f.get('flags');
  const flagText = x86Flags ?? f.get('features') ?? '';
  const flags = flagText.split(/\s+/).filter((s) => s !== '');
  const implementer = f.get('cpu implementer')?.toLowerCase();
  const vendor =
    f.get('vendor_id') ??
    f.get('vendor') ??
    (implementer ? (ARM_IMPLEMENTERS[implementer] ?? implementer) : null);
  const modelName = f.get('model name') ?? f.get('cpu model') ?? f.get('cpu') ?? null;
  return {
    modelName: modelName || null,
    vendor: vendor || null,
    flags,
    hypervisorFlag: x86Flags === undefined ? null : flags.includes('hypervisor'),
  };
}
