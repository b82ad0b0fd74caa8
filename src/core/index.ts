/**
 * Public API of the decision engine (pure TypeScript: no DOM, no clock, no randomness).
 */
export * from './model';
export { TOPIC_SLUGS, isTopicSlug, type TopicSlug } from './topics';
export { SOURCES, SOURCE_KEYS, type SourceKey } from './sources';
export {
  QUESTIONS,
  applicableQuestions,
  firstUnanswered,
  getQuestion,
  isComplete,
  progress,
  pruneAnswers,
  questionApplies,
  type Question,
  type QuestionOption,
} from './questions';
export { questionnaireMachine, currentStep, type QuestionnaireSnapshot } from './machine';
export {
  questionnaireView,
  canGoBack,
  canGoTo,
  initialContext,
  nextStateFor,
  type QuestionnaireContext,
  type QuestionnaireEvent,
  type QuestionnaireInput,
  type QuestionnaireStateValue,
  type QuestionnaireView,
} from './questionnaire-view';
export { validateHost, parseIPv4, parseIPv6, trustedHostsEntry, type HostValidation, type HostProblem } from './hosts';
export { validateAdminSubnet, isBlankAdminSubnet, ADMIN_SUBNET_HINT, type AdminSubnetValidation, type AdminSubnetProblem } from './admin-subnet';
export {
  decodePermalink,
  encodeAnswers,
  PERMALINK_VERSION,
  HOST_KEYS,
  ADMIN_SUBNET_KEY,
  type DecodedPermalink,
  type EncodeOptions,
  type PermalinkProblem,
  type PermalinkProblemKind,
} from './permalink';
export {
  recommend,
  recommendModel,
  recommendScripts,
  validateHosts,
  IncompleteAnswersError,
  InvalidHostError,
  InvalidAdminSubnetError,
  InvalidJeaCommandsError,
  type RecommendOptions,
} from './recommend';
export { renderFleet, withFleet, fleetUsage } from './fleet';
export { toJsonExport, exportJson, EXPORT_SCHEMA_ID, type RecommendationExport } from './export-json';
export { RecommendationExportSchema } from './export-json-schema';
export { RULESET_VERSION } from './rules/version';
export { AUTHENTICATION_RULES, TRANSPORT_RULES, ENDPOINT_RULES, SECOND_HOP_RULES } from './rules/decisions';
export { checkInvariants } from './rules/invariants';
export { psQuote } from './powershell/quote';
