import { AccountView } from '@/components/users/account-view';
import { requireRequestContext } from '@/server/auth/session';

export default async function AccountPage() {
  await requireRequestContext('/account');
  return <AccountView />;
}
