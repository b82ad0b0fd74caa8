/** The conditions the settings, warnings and alternatives tables are written in. */
import type { AnswerValue, Authentication, CertificateSource, QuestionId, SecondHop, Transport } from '../model';
import type { PlanCondition } from './item-table';

export const always: PlanCondition = () => true;

export const allOf =
  (...conditions: PlanCondition[]): PlanCondition =>
  (plan) =>
    conditions.every((condition) => condition(plan));

export const not =
  (condition: PlanCondition): PlanCondition =>
  (plan) =>
    !condition(plan);

export const answered =
  <Q extends QuestionId>(question: Q, value: AnswerValue<Q>): PlanCondition =>
  (plan) =>
    plan.answers[question] === value;

export const onWinRM: PlanCondition = (plan) => plan.isWinRM;

export const onSsh: PlanCondition = (plan) => !plan.isWinRM;

export const authenticationIs =
  (...choices: Authentication[]): PlanCondition =>
  (plan) =>
    choices.includes(plan.authentication);

export const transportIs =
  (transport: Transport): PlanCondition =>
  (plan) =>
    plan.transport === transport;

export const secondHopIs =
  (...choices: SecondHop[]): PlanCondition =>
  (plan) =>
    choices.includes(plan.secondHop);

export const hasSecondHop: PlanCondition = (plan) => plan.secondHop !== 'none';

export const onJeaEndpoint: PlanCondition = (plan) => plan.endpoint === 'jea';

export const certificateSourceIs =
  (source: CertificateSource): PlanCondition =>
  (plan) =>
    plan.certificate?.source === source;
