import { Link } from '@tanstack/react-router';
import { buttonClass } from '../ui/button.tsx';

export function NotFound() {
  return (
    <main className="mx-auto max-w-md px-6 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">This address does not lead anywhere in the staff app.</p>
      <Link to="/" className={buttonClass('primary', 'md', 'mt-6')}>
        Go to the overview
      </Link>
    </main>
  );
}
