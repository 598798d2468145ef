// Runs one command on a milestone stream and shapes the answer every milestone route gives: the
// milestone as the new state shows it, and the log position to read it back at (also for a no-op).
import { decideOnStream, EventMetadata, EventStore, LogPosition } from '@lib/event-store';
import { positionAfter } from '../shared/command-position';
import { MilestoneCommand, milestoneDecider } from './milestone.decider';
import { milestoneStreamId } from './milestone.events';
import type { Milestone } from './milestone.state';
import { MilestoneView, milestoneViewOf } from './milestone.view';

export interface MilestoneOutcome {
  milestone: MilestoneView;
  /** Null only if the stream is empty, which a successful command never leaves. */
  position: LogPosition | null;
}

export async function decideOnMilestone(
  store: EventStore,
  milestoneId: string,
  command: MilestoneCommand,
  metadata: EventMetadata,
): Promise<{ state: Milestone; outcome: MilestoneOutcome }> {
  const streamId = milestoneStreamId(milestoneId);
  const result = await decideOnStream(store, streamId, milestoneDecider, command, metadata);
  if (result.state.status === 'none') throw new Error(`${command.type} left milestone ${milestoneId} without events`);
  const position = await positionAfter(store, streamId, result);
  return { state: result.state, outcome: { milestone: milestoneViewOf(result.state), position } };
}

/** The API key behind a command: milestone routes are never public, so one is always there. */
export function actingKeyId(metadata: EventMetadata): string {
  if (metadata.actorKeyId === null) throw new Error('A milestone command needs the acting API key in its metadata');
  return metadata.actorKeyId;
}
