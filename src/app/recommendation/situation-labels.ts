import type { QuestionId } from '../../core/model.ts';

/**
 * Each question in a few words, for the "Your situation" chips: an answer such as "Yes" or
 * "Less trusted" means nothing without its question, and the whole prompt is too long for a chip.
 */
export const SITUATION_QUESTION: Record<QuestionId, string> = {
  platform: 'Systems',
  domain: 'Active Directory',
  address: 'Server addressed',
  pki: 'Certificates',
  assurance: 'Assurance',
  network: 'Network',
  who: 'Who connects',
  hop: 'Second computer',
  adcontrol: "May change the second computer's AD object",
  trust: 'Server trust, compared with the second computer',
  protected: 'Accounts protected from delegation',
};
