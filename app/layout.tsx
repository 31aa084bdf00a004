import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = { title: '云图 Yuntu', description: 'IaaS cloud console (CH/Z IaaS interfaces)' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
