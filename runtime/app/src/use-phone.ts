/** Whether the screen is a phone's (≤ 480 px wide): the layouts switch to one column. */
import { useEffect, useState } from 'react';

const QUERY = '(max-width: 480px)';

/** True on phone-width screens; follows resizes. */
export function useIsPhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(QUERY);
    const update = () => setPhone(mq.matches);
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, []);
  return phone;
}
