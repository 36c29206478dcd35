import {
  forwardRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { cx } from '../../lib/cx.ts';

const CONTROL =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 aria-[invalid=true]:border-red-600 disabled:bg-slate-100';

interface FieldShellProps {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  id: string;
  className?: string | undefined;
  children: ReactNode;
}

/** A label, the control, a hint and the error, wired together for screen readers. */
export function FieldShell({ label, error, hint, id, className, children }: FieldShellProps) {
  return (
    <div className={cx('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** The control's id (its own, or a generated one) and the attributes that tie it to its label, hint and error. */
function useControlWiring(id: string | undefined, error?: string, hint?: ReactNode) {
  const auto = useId();
  const fieldId = id ?? auto;
  return {
    fieldId,
    wiring: {
      id: fieldId,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy(fieldId, error, hint),
    },
  };
}

type Common = { label: ReactNode; error?: string | undefined; hint?: ReactNode; fieldClassName?: string };

export const TextField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(
  function TextField({ label, error, hint, fieldClassName, id, className, ...rest }, ref) {
    const { fieldId, wiring } = useControlWiring(id, error, hint);
    return (
      <FieldShell label={label} error={error} hint={hint} id={fieldId} className={fieldClassName}>
        <input ref={ref} {...wiring} className={cx(CONTROL, className)} {...rest} />
      </FieldShell>
    );
  },
);

export const SelectField = forwardRef<HTMLSelectElement, Common & SelectHTMLAttributes<HTMLSelectElement>>(
  function SelectField({ label, error, hint, fieldClassName, id, className, children, ...rest }, ref) {
    const { fieldId, wiring } = useControlWiring(id, error, hint);
    return (
      <FieldShell label={label} error={error} hint={hint} id={fieldId} className={fieldClassName}>
        <select ref={ref} {...wiring} className={cx(CONTROL, className)} {...rest}>
          {children}
        </select>
      </FieldShell>
    );
  },
);

export const TextAreaField = forwardRef<
  HTMLTextAreaElement,
  Common & TextareaHTMLAttributes<HTMLTextAreaElement>
>(function TextAreaField({ label, error, hint, fieldClassName, id, className, ...rest }, ref) {
  const { fieldId, wiring } = useControlWiring(id, error, hint);
  return (
    <FieldShell label={label} error={error} hint={hint} id={fieldId} className={fieldClassName}>
      <textarea ref={ref} {...wiring} className={cx(CONTROL, className)} {...rest} />
    </FieldShell>
  );
});

export const CheckboxField = forwardRef<
  HTMLInputElement,
  { label: ReactNode; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>
>(function CheckboxField({ label, hint, id, ...rest }, ref) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className="flex items-start gap-2">
      <input
        ref={ref}
        id={fieldId}
        type="checkbox"
        className="mt-0.5 size-4 rounded border-slate-400"
        aria-describedby={hint ? `${fieldId}-hint` : undefined}
        {...rest}
      />
      <div>
        <label htmlFor={fieldId} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={`${fieldId}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
});

/** A form's own error, one that names no field (a refusal about the whole form). */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" className="text-sm font-medium text-red-700">
      {message}
    </p>
  ) : null;
}
