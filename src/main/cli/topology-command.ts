/** `parascope topology [--json]`: the CPU topology, lscpu-style or as the `Topology` JSON. */
import { defineCommand, println } from './command';
import { formatTopology } from './format-topology';

/** The `topology` command. */
export const topologyCommand = defineCommand(
  {
    name: 'topology',
    summary: 'Show the CPU topology (like lscpu): sockets, cores, threads, caches, NUMA nodes.',
    args: [],
    flags: { json: { kind: 'boolean', help: 'Print the Topology JSON instead of text' } },
  },
  async ({ flags }, { io, deps }) => {
    const topology = await deps.createTopologyService().read();
    if (flags.json) println(io.stdout, JSON.stringify(topology, null, 2));
    else io.stdout.write(formatTopology(topology));
    return 0;
  },
);
