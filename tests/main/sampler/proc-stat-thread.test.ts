/** The sampling thread (proc-stat-thread.ts) against the contract every sample source meets. */
import { startProcStatThread } from '../../../src/main/sampler/proc-stat-thread';
import { sampleSourceContract } from './sample-source-contract';

sampleSourceContract('startProcStatThread', startProcStatThread, 'fails');
