import { MemoryScheduleFactory } from '../../src/queues/memory-schedule.js';
import { scheduleConformance } from './schedule-conformance.js';

scheduleConformance('memory', { open: async () => new MemoryScheduleFactory(), periodMs: 50 });
