using ChangeThisFile.Samples.Functions;
using ChangeThisFile.Samples.Functions.Functions;
using ChangeThisFile.Samples.Functions.Webhooks;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The webhook's verification step runs before the function and leaves the body readable.
builder.UseWhen<WebhookVerificationMiddleware>(context => context.FunctionDefinition.Name == WebhookFunction.Name);
FunctionsServices.Configure(builder.Services, builder.Configuration);
builder.Build().Run();
