/** A table's one-line state (loading, empty, unavailable) spanning its columns, as every admin table shows it. */
export function TableNote({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="p-3 text-muted">
        {children}
      </td>
    </tr>
  );
}
