import { SetupPanel } from '@/components/shell/setup-panel';

/** The public page of a one-time set-up link (`/setup#<token>`): the token is the fragment, read in the browser. */
export default function SetupPage() {
  return <SetupPanel />;
}
