import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { aPointer, modelDetails } from '../../__testUtils__/modelFixtures';
import { UseThisModel } from './UseThisModel';

// The syntax highlighter splits the code into many spans: read the snippet as a whole.
const snippet = () => document.querySelector('pre')?.textContent ?? '';

describe('UseThisModel', () => {
  it("shows the pointer's SSM parameter as the backend names it and a Converse snippet for an instruct model", async () => {
    const details = modelDetails();
    details.pointers[2] = {
      ...details.pointers[2],
      parameterName: '/team-a/models/support-assistant/production',
    };
    renderInTestApp(<UseThisModel details={details} alias="production" />);
    expect(
      await screen.findByText('/team-a/models/support-assistant/production'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('This version speaks the Converse API:'),
    ).toBeInTheDocument();
    // The highlighter loads lazily.
    await waitFor(() => expect(snippet()).toContain('bedrock.converse('));
    expect(snippet()).toContain('region_name="eu-central-1"');
    expect(snippet()).toContain(
      'ssm.get_parameter(Name="/team-a/models/support-assistant/production")',
    );
  });

  it('switches Region, and uses InvokeModel for a model that is not instruct', async () => {
    const details = modelDetails();
    details.versions[1] = { ...details.versions[1], instructSupported: false };
    renderInTestApp(<UseThisModel details={details} alias="production" />);
    await userEvent.click(
      await screen.findByRole('button', { name: / Region$/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'us-east-1' }),
    );
    expect(
      await screen.findByText(/call it with InvokeModel/),
    ).toBeInTheDocument();
    await waitFor(() => expect(snippet()).toContain('bedrock.invoke_model('));
    expect(snippet()).toContain('region_name="us-east-1"');
    expect(
      screen.getByText('/bedrock-models/support-assistant/production'),
    ).toBeInTheDocument();
  });

  it('follows the configured production alias', async () => {
    const details = modelDetails({
      pointers: [aPointer('live', 'us-east-1', 3)],
    });
    renderInTestApp(<UseThisModel details={details} alias="live" />);
    expect(
      await screen.findByText('/bedrock-models/support-assistant/live'),
    ).toBeInTheDocument();
  });

  it('says what to do when nothing serves production yet', async () => {
    renderInTestApp(
      <UseThisModel
        details={modelDetails({ pointers: [] })}
        alias="production"
      />,
    );
    expect(
      await screen.findByText(
        'No version serves production yet: promote one, and this shows the SSM parameter callers read its ARN from.',
      ),
    ).toBeInTheDocument();
  });
});
