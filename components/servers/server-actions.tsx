'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SupportButton } from '@/components/feature/support-gate';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { useStateReason } from '@/components/resource/state-reason';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { useServerActionMutation, type ServerAction } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { serverRules, type Server, type ServerOperation } from '@/lib/contract/server';
import { useI18n } from '@/lib/i18n/provider';
import { CreateImageDialog, MigrateDialog, RenameDialog, ResizeDialog } from './server-dialogs';

type Open = null | 'rename' | 'resize' | 'migrate' | 'delete' | 'image';

/** The detail page's action bar; a button the server's status refuses (the contract's table) is greyed with the reason. */
export function ServerActions({ server }: { server: Server }) {
  const { t } = useI18n();
  const session = useSessionInfo();
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const mutation = useServerActionMutation((name) => name);
  const [error, setError] = useState<string | null>(null);
  const reason = useStateReason();
  /** Disabled and its tooltip for an operation: refused by the status, or while another is being sent. */
  const gate = (op: ServerOperation, isBusy = false) => {
    const refusal = serverRules.refusal(op, server.status);
    return { disabled: !!refusal || isBusy, title: reason(refusal) };
  };
  if (session.roles.includes('reader') && !session.isAdmin) return null;

  const act = async (kind: string, action: ServerAction) => {
    setError(null);
    const [r] = await mutation.mutateAsync({ servers: [{ id: server.id, name: `${server.name}: ${kind}` }], action });
    if (r && !r.ok) setError(r.message ?? null);
    return r?.ok ?? false;
  };

  return (
    <>
      <Button {...gate('start', mutation.isPending)} onClick={() => act(t('servers.start'), { kind: 'start' })}>
        {t('servers.start')}
      </Button>
      <Button {...gate('stop', mutation.isPending)} onClick={() => act(t('servers.stop'), { kind: 'stop' })}>
        {t('servers.stop')}
      </Button>
      <Button
        {...gate('reboot-soft', mutation.isPending)}
        onClick={() => act(t('servers.rebootSoft'), { kind: 'reboot', type: 'soft' })}
      >
        {t('servers.rebootSoft')}
      </Button>
      <Button
        {...gate('reboot-hard', mutation.isPending)}
        onClick={() => act(t('servers.rebootHard'), { kind: 'reboot', type: 'hard' })}
      >
        {t('servers.rebootHard')}
      </Button>
      <Button {...gate('update')} onClick={() => setOpen('rename')}>
        {t('servers.rename')}
      </Button>
      <SupportButton requires="POST /servers/{id}/resize" {...gate('resize')} onClick={() => setOpen('resize')}>
        {t('servers.resize')}
      </SupportButton>
      {session.isAdmin ? (
        <SupportButton
          requires="POST /servers/{id}/live-migrate"
          {...gate('live-migrate')}
          onClick={() => setOpen('migrate')}
        >
          {t('servers.migrate')}
        </SupportButton>
      ) : null}
      <SupportButton requires="POST /images" {...gate('create-image')} onClick={() => setOpen('image')}>
        {t('servers.createImage')}
      </SupportButton>
      <Button variant="danger" {...gate('delete')} onClick={() => setOpen('delete')}>
        {t('servers.delete')}
      </Button>
      {error ? (
        <div className="w-full">
          <ErrorText error={error} />
        </div>
      ) : null}
      <RenameDialog server={server} open={open === 'rename'} onClose={() => setOpen(null)} />
      <ResizeDialog
        server={server}
        open={open === 'resize'}
        onClose={() => setOpen(null)}
        onSubmit={(flavorId) => act(t('servers.resize'), { kind: 'resize', flavorId })}
        error={error}
        pending={mutation.isPending}
      />
      {session.isAdmin ? (
        <MigrateDialog
          server={server}
          open={open === 'migrate'}
          onClose={() => setOpen(null)}
          onSubmit={(host) => act(t('servers.migrate'), { kind: 'live-migrate', host })}
          error={error}
          pending={mutation.isPending}
        />
      ) : null}
      <CreateImageDialog server={server} open={open === 'image'} onClose={() => setOpen(null)} />
      <ConfirmDialog
        open={open === 'delete'}
        title={t('servers.delete')}
        message={t('servers.deleteConfirm', { name: server.name })}
        typeToConfirm={server.name}
        confirmLabel={t('common.delete')}
        isDanger
        isPending={mutation.isPending}
        error={error}
        onClose={() => setOpen(null)}
        onConfirm={async () => {
          if (await act(t('common.delete'), { kind: 'delete' })) {
            setOpen(null);
            router.push('/servers');
          }
        }}
      />
    </>
  );
}
