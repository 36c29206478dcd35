import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { buttonClass } from '../../components/ui/button.tsx';
import type { Overview } from './types.ts';

type Checklist = Overview['checklist'];

// The Stripe, booking-page and Immersio settings screens come with the next part of the staff
// app: until then those steps say so rather than link to a screen that does not exist yet.
const STEPS: { key: keyof Checklist; title: string; done: string; todo: ReactNode }[] = [
  {
    key: 'stripeConnected',
    title: 'Connect Stripe',
    done: 'Paid classes are paid into your Stripe account.',
    todo: 'Paid classes take payment through your own Stripe account; free classes can be booked already. The payment settings screen is coming next in Settings.',
  },
  {
    key: 'hasWorkshop',
    title: 'Create your first class',
    done: 'You have created a class.',
    todo: (
      <>
        Set up a class with its dates, seats and price.{' '}
        <Link to="/workshops/new" className={buttonClass('primary', 'sm', 'mt-2')}>
          Create a class
        </Link>
      </>
    ),
  },
  {
    key: 'landingPublished',
    title: 'Publish your booking page',
    done: 'Your public booking page is live.',
    todo: 'Your public page lists your classes for students to book. Its editor is coming next in Settings.',
  },
  {
    key: 'immersioConnected',
    title: 'Connect Immersio',
    done: 'Courses and students sync with Immersio.',
    todo: 'Link classes to Immersio courses and let students sign in with Immersio. The connection screen is coming next in Settings.',
  },
];

export function checklistDone(checklist: Checklist): boolean {
  return STEPS.every((step) => checklist[step.key]);
}

/** The school's first steps, shown to OWNER and ADMIN until every one is done. */
export function OnboardingChecklist({ checklist }: { checklist: Checklist }) {
  const done = STEPS.filter((step) => checklist[step.key]).length;
  return (
    <section
      aria-labelledby="onboarding-heading"
      className="mb-6 rounded-lg border border-brand-100 bg-brand-50 p-4 sm:p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="onboarding-heading" className="text-base font-semibold text-slate-900">
          Get your school ready
        </h2>
        <p className="text-sm text-slate-700">
          {done} of {STEPS.length} done
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
                  {step.title}
                  <span className="sr-only">{isDone ? ' (done)' : ' (to do)'}</span>
                </p>
                <div className="mt-1 text-slate-600">{isDone ? step.done : step.todo}</div>
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
