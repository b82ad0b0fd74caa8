import { fileURLToPath } from 'node:url';
import { collectTopics } from '../scripts/topics-collection.ts';

/** The topic list as the build sees it, so browser tests cover every page that exists. */
export const topics = collectTopics(fileURLToPath(new URL('../content', import.meta.url)));
