import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { modelDetails } from '../../__testUtils__/modelFixtures';
import { UseThisModel } from './UseThisModel';

// The syntax highlighter splits the code into many spans: read the snippet as a whole.
const snippet = () => document.querySelector('pre')?.textContent ?? '';

describe('UseThisModel', () => {
  it('names the SSM parameter and shows a Converse snippet for an instruct model', async () => {
    renderInTestApp(
      <UseThisModel
        details={modelDetails()}
        ssmParameterPrefix="/bedrock-models"
      />,
    );
    expect(
      await screen.findByText('/bedrock-models/support-assistant/production'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('This version speaks the Converse API:'),
    ).toBeInTheDocument();
    // The highlighter loads lazily.
    await waitFor(() => expect(snippet()).toContain('bedrock.converse('));
    expect(snippet()).toContain('region_name="eu-central-1"');
    expect(snippet()).toContain(
      'ssm.get_parameter(Name="/bedrock-models/support-assistant/production")',
    );
  });

  it('switches Region, and uses InvokeModel for a model that is not instruct', async () => {
    const details = modelDetails();
    details.versions[1] = { ...details.versions[1], instructSupported: false };
    renderInTestApp(
      <UseThisModel details={details} ssmParameterPrefix="/prod/models" />,
    );
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
      screen.getByText('/prod/models/support-assistant/production'),
    ).toBeInTheDocument();
  });

  it('says what to do when nothing serves production yet', async () => {
    renderInTestApp(
      <UseThisModel
        details={modelDetails({ pointers: [] })}
        ssmParameterPrefix="/bedrock-models"
      />,
    );
    expect(
      await screen.findByText(
        /No version serves production yet: promote one, and callers read its ARN from the SSM parameter \/bedrock-models\/support-assistant\/production/,
      ),
    ).toBeInTheDocument();
  });
});
