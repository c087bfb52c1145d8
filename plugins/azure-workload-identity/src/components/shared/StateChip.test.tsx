import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { StateChip } from './StateChip';

describe('StateChip', () => {
  it("draws broken and degraded in the theme's error and warning colours, each with readable text", async () => {
    await renderInTestApp(
      <>
        <StateChip state="broken" label="Broken" />
        <StateChip state="degraded" label="Needs attention" />
        <StateChip state="ok" label="OK" />
      </>,
    );
    const chip = (label: string) =>
      getComputedStyle(screen.getByText(label).closest('.MuiChip-root')!);
    // The light theme's status.error and status.warning.
    expect(chip('Broken').backgroundColor).toBe('rgb(226, 33, 52)');
    expect(chip('Broken').color).toBe('rgb(255, 255, 255)');
    expect(chip('Needs attention').backgroundColor).toBe('rgb(255, 152, 0)');
    expect(chip('Needs attention').color).toBe('rgb(0, 0, 0)');
    expect(chip('OK').backgroundColor).not.toBe(chip('Broken').backgroundColor);
  });
});
