import { useState } from 'react';
import {
  Alert,
  Checkbox,
  CheckboxGroup,
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Grid,
  NumberField,
  Select,
  Text,
  TextField,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  BUSINESS_HOURS,
  checkKeepWarmRules,
  KeepWarmMode,
  keepWarmEstimate,
  KeepWarmView,
  Weekday,
  WEEKDAYS,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { DAY_NAMES, describeEstimate } from '../../model/keepWarmText';
import { ChangeDialogFooter } from '../PointerDialogs/ChangeDialogFooter';
import { ReasonField } from '../PointerDialogs/ReasonField';
import { useDialogSubmit } from '../PointerDialogs/useDialogSubmit';

const MODES: Array<{ id: KeepWarmMode; label: string }> = [
  { id: 'off', label: 'Off' },
  { id: 'windows', label: 'In set hours (e.g. business hours)' },
  { id: 'always', label: 'Always' },
];

/** The time zone the browser is in: where an owner's business hours most likely are. */
function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Sets how a pointer is kept warm: off, always, or in hours of some days in a time zone, with a heartbeat
 * interval and a reason. What the choice costs a month is shown before saving, from -common's arithmetic,
 * and what is wrong with it (the same rules the backend applies) keeps Save disabled.
 */
export const KeepWarmDialog = (props: {
  view: KeepWarmView;
  onClose: () => void;
  onSaved: (view: KeepWarmView) => void;
}) => {
  const { view } = props;
  const api = useApi(bedrockModelsApiRef);
  const current = view.policy;
  const window = current.windows[0] ?? BUSINESS_HOURS;
  const [mode, setMode] = useState<KeepWarmMode>(
    current.mode === 'off' ? 'windows' : current.mode,
  );
  const [days, setDays] = useState<Weekday[]>(window.days);
  const [startHour, setStartHour] = useState(window.startHour);
  const [endHour, setEndHour] = useState(window.endHour);
  const [timeZone, setTimeZone] = useState(
    current.timeZone ?? browserTimeZone(),
  );
  const [intervalMinutes, setIntervalMinutes] = useState(
    current.intervalMinutes,
  );
  const [reason, setReason] = useState('');
  const { submitting, error, run } = useDialogSubmit(() => {});

  const rules = {
    mode,
    intervalMinutes,
    ...(mode === 'windows' ? { timeZone } : {}),
    windows: mode === 'windows' ? [{ days, startHour, endHour }] : [],
  };
  const problems = checkKeepWarmRules(rules, view.timing);
  const estimate =
    problems.length === 0
      ? keepWarmEstimate(rules, {
          from: new Date(),
          timing: view.timing,
          cmusPerCopy: view.estimate.cmusPerCopy,
          pricePerCmuMinute: view.estimate.pricePerCmuMinute,
        })
      : undefined;
  // NumberField reports NaN while the field is empty; keep the last number.
  const numberSetter = (set: (n: number) => void) => (n: number) => {
    if (Number.isFinite(n)) set(n);
  };

  const submit = () =>
    run(async () => {
      const saved = await api.putKeepWarm({
        modelName: view.modelName,
        alias: view.alias,
        region: view.region,
        ...rules,
        reason,
      });
      props.onSaved(saved);
    });

  return (
    <Dialog isOpen onOpenChange={open => !open && props.onClose()} width={640}>
      <DialogHeader>
        Keep {view.alias} of {view.modelName} warm in {view.region}
      </DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p" variant="body-small">
            A copy idle for {view.timing.evictionMinutes} minutes is evicted,
            and the next caller waits while it loads. Heartbeats (a one-token
            call to the version the pointer names) keep it loaded; every
            5-minute window it stays loaded is billed, and it stays loaded{' '}
            {view.timing.evictionMinutes} minutes after the last heartbeat.
          </Text>
          <Select
            label="Keep warm"
            options={MODES}
            value={mode}
            onChange={key => setMode(key as KeepWarmMode)}
          />
          {mode === 'windows' && (
            <>
              <CheckboxGroup
                label="Days"
                orientation="horizontal"
                value={days}
                onChange={value => setDays(value as Weekday[])}
              >
                {WEEKDAYS.map(day => (
                  <Checkbox key={day} value={day}>
                    {DAY_NAMES[day]}
                  </Checkbox>
                ))}
              </CheckboxGroup>
              <Grid.Root columns={{ initial: '1', sm: '3' }} gap="3">
                <NumberField
                  label="From hour"
                  minValue={0}
                  maxValue={23}
                  value={startHour}
                  onChange={numberSetter(setStartHour)}
                />
                <NumberField
                  label="Until hour"
                  minValue={1}
                  maxValue={24}
                  value={endHour}
                  onChange={numberSetter(setEndHour)}
                />
                <TextField
                  label="Time zone"
                  description="IANA name, e.g. Europe/Berlin"
                  value={timeZone}
                  onChange={setTimeZone}
                />
              </Grid.Root>
              <Text as="p" variant="body-x-small" color="secondary">
                Heartbeats start {view.timing.leadMinutes} minutes before the
                hours open, so the copy is loaded when they do.
                {current.windows.length > 1
                  ? ` This policy has ${current.windows.length} windows (set through the API); saving replaces them with this one.`
                  : ''}
              </Text>
            </>
          )}
          {mode !== 'off' && (
            <NumberField
              label="Heartbeat every (minutes)"
              description={`Shorter than the eviction time (${view.timing.evictionMinutes} minutes).`}
              minValue={1}
              maxValue={view.timing.evictionMinutes - 1}
              value={intervalMinutes}
              onChange={numberSetter(setIntervalMinutes)}
            />
          )}
          {problems.length > 0 ? (
            <Alert
              status="warning"
              title="Fix this before saving"
              description={problems.join(' ')}
            />
          ) : (
            estimate && (
              <Text as="p" variant="body-medium" aria-label="Monthly cost">
                {describeEstimate({
                  ...view.estimate,
                  windowsPerMonth: estimate.windowsPerMonth,
                  monthlyCost: estimate.monthlyCost,
                })}
              </Text>
            )
          )}
          <ReasonField
            value={reason}
            onChange={setReason}
            placeholder="e.g. Support agents wait for cold starts every morning"
          />
          {error && (
            <Alert
              status="danger"
              title="Keep-warm not changed"
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <ChangeDialogFooter
        label="Save"
        onCancel={props.onClose}
        onSubmit={submit}
        submitting={submitting}
        disabled={reason.trim().length === 0 || problems.length > 0}
      />
    </Dialog>
  );
};
