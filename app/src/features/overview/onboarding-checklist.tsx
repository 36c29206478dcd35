import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { buttonClass } from '../../components/ui/button.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import type { Overview } from './types.ts';

type Checklist = Overview['checklist'];

// The Stripe, booking-page and Immersio settings screens come with the next part of the staff
// app: until then those steps say so rather than link to a screen that does not exist yet.
const STEPS: { key: keyof Checklist; title: AppMessageKey; done: AppMessageKey; todo: AppMessageKey }[] = [
  {
    key: 'stripeConnected',
    title: 'app.overview.checklist.stripe.title',
    done: 'app.overview.checklist.stripe.done',
    todo: 'app.overview.checklist.stripe.todo',
  },
  {
    key: 'hasWorkshop',
    title: 'app.overview.checklist.workshop.title',
    done: 'app.overview.checklist.workshop.done',
    todo: 'app.overview.checklist.workshop.todo',
  },
  {
    key: 'landingPublished',
    title: 'app.overview.checklist.landing.title',
    done: 'app.overview.checklist.landing.done',
    todo: 'app.overview.checklist.landing.todo',
  },
  {
    key: 'immersioConnected',
    title: 'app.overview.checklist.immersio.title',
    done: 'app.overview.checklist.immersio.done',
    todo: 'app.overview.checklist.immersio.todo',
  },
];

/** A step still to do: its text, and for the first class a way to create it. */
function StepTodo({ step }: { step: (typeof STEPS)[number] }): ReactNode {
  const t = useT();
  if (step.key !== 'hasWorkshop') return t(step.todo);
  return (
    <>
      {t(step.todo)}{' '}
      <Link to="/workshops/new" className={buttonClass('primary', 'sm', 'mt-2')}>
        {t('app.overview.page.createClass')}
      </Link>
    </>
  );
}

export function checklistDone(checklist: Checklist): boolean {
  return STEPS.every((step) => checklist[step.key]);
}

/** The school's first steps, shown to OWNER and ADMIN until every one is done. */
export function OnboardingChecklist({ checklist }: { checklist: Checklist }) {
  const t = useT();
  const done = STEPS.filter((step) => checklist[step.key]).length;
  return (
    <section
      aria-labelledby="onboarding-heading"
      className="mb-6 rounded-lg border border-brand-100 bg-brand-50 p-4 sm:p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="onboarding-heading" className="text-base font-semibold text-slate-900">
          {t('app.overview.checklist.title')}
        </h2>
        <p className="text-sm text-slate-700">
          {t('app.overview.checklist.progress', { done, total: STEPS.length })}
        </p>
      </div>
      <ol className="mt-3 grid gap-3 md:grid-cols-2">
        {STEPS.map((step) => {
          const isDone = checklist[step.key];
          return (
            <li key={step.key} className="flex gap-3 rounded-md bg-white p-3">
              <StepMark done={isDone} />
              <div className="min-w-0 text-sm">
                <p className="font-medium text-slate-900">
                  {t(step.title)}{' '}
                  <span className="sr-only">
                    {t(isDone ? 'app.overview.checklist.done' : 'app.overview.checklist.todo')}
                  </span>
                </p>
                <div className="mt-1 text-slate-600">{isDone ? t(step.done) : <StepTodo step={step} />}</div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function StepMark({ done }: { done: boolean }) {
  return done ? (
    <span
      className="flex size-6 shrink-0 items-center justify-center rounded-full bg-green-700 text-white"
      aria-hidden="true"
    >
      <svg
        viewBox="0 0 16 16"
        className="size-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        aria-hidden="true"
      >
        <path d="M3.5 8.5l3 3 6-7" />
      </svg>
    </span>
  ) : (
    <span className="size-6 shrink-0 rounded-full border-2 border-slate-400 bg-white" aria-hidden="true" />
  );
}
