import type { TemplateId } from '../landing-model.ts';
import { centerSmall } from './center-small.ts';
import { education } from './education.ts';
import { kids1 } from './kids-1.ts';
import { kids2 } from './kids-2.ts';
import type { LandingTemplate } from './parts.ts';
import { tutorPersonal } from './tutor-personal.ts';

export type { LandingTemplate } from './parts.ts';

/** The five landing templates of the spec's `templateId`, by id. */
export const LANDING_TEMPLATES: Record<TemplateId, LandingTemplate> = {
  education,
  tutor_personal: tutorPersonal,
  center_small: centerSmall,
  kids_1: kids1,
  kids_2: kids2,
};
