import type { ConsultationPhase } from '../ballots/ballots.service';
import { canMove, ConsultationStatus, hasPublishedResult, proposalsEditable } from './consultation-phase';

/** True only when A and B are the same union. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('consultation phases', () => {
  it('voting opens only after the final proposals are published', () => {
    expect(canMove('draft', 'voting_open')).toBe(false);
    expect(canMove('amendments_open', 'voting_open')).toBe(false);
    expect(canMove('final_proposals_published', 'voting_open')).toBe(true);
  });

  it('a written consultation without an amendment phase may publish its proposals directly', () => {
    expect(canMove('draft', 'final_proposals_published')).toBe(true);
  });

  it('results are published only after voting closed, and nothing moves back', () => {
    expect(canMove('voting_open', 'results_published')).toBe(false);
    expect(canMove('voting_closed', 'results_published')).toBe(true);
    expect(canMove('voting_closed', 'voting_open')).toBe(false);
    expect(canMove('ratified', 'results_published')).toBe(false);
  });

  it('proposals freeze when the final proposals are published', () => {
    expect(proposalsEditable('amendments_open')).toBe(true);
    expect(proposalsEditable('final_proposals_published')).toBe(false);
  });

  it('a result is public from publication on, ratified or not, and not while the vote is merely closed', () => {
    expect(hasPublishedResult('voting_closed')).toBe(false);
    expect(hasPublishedResult('results_published')).toBe(true);
    expect(hasPublishedResult('ratified')).toBe(true);
    expect(hasPublishedResult('not_ratified')).toBe(true);
  });

  it('ballots name the same phases: they read them from the view consultations_phase with a copy of the list (a type check)', () => {
    const same: Same<ConsultationStatus, ConsultationPhase> = true;
    expect(same).toBe(true);
  });
});
