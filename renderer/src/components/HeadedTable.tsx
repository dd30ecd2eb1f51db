import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A table with one header row: `head` names the columns (null for one of buttons), the children are the body's rows. */
export function HeadedTable({ head, children, ...props }: TableProps & { head: ReactNode[]; children: ReactNode }) {
  return (
    <Table {...props}>
      <Table.Thead>
        <Table.Tr>
          {head.map((h, i) => (
            <Table.Th key={i}>{h}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
