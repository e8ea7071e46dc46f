/** The app's antd theme: a sober government blue, CJK-friendly fonts. */
import type { ThemeConfig } from 'antd';

/** Theme tokens. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e9c',
    borderRadius: 4,
    fontFamily:
      '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
};
