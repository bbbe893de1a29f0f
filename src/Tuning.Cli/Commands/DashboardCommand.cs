using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Tuning.Cli.Dashboard;
using Tuning.Cli.Storage;

namespace Tuning.Cli.Commands;

/// <summary>
/// <c>tuning dashboard [--port N] [--host ADDRESS]</c>: serves the live, read-only dashboard of the storage's studies
/// (<see cref="DashboardServer"/>) until Ctrl+C. It listens on the loopback address unless told otherwise.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "The port to listen on; 0 picks a free one. Default: 8080.",
            HelpName = "N",
            DefaultValueFactory = _ => 8080,
        };
        port.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 65535)
            {
                result.AddError($"--port must be between 0 and 65535; it is {value}.");
            }
        });
        var host = new Option<string>("--host")
        {
            Description = $"The IP address to listen on (localhost is {DashboardOptions.Loopback}). Default: {DashboardOptions.Loopback}, so only this machine can open the dashboard. The dashboard has no login: listen on another address only on a network you trust.",
            HelpName = "ADDRESS",
            DefaultValueFactory = _ => DashboardOptions.Loopback,
        };
        var command = new Command("dashboard", "Serves a live, read-only dashboard of the studies: a study list, each study's interactive charts and trials (updated as trials arrive), and each trial's details. Runs until Ctrl+C.")
        {
            port, host,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(parse, store =>
        {
            string address = parse.GetRequiredValue(host);
            if (string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                address = DashboardOptions.Loopback;
            }
            else if (!IPAddress.TryParse(address, out _))
            {
                throw CliException.Usage($"--host must be an IP address such as {DashboardOptions.Loopback} or 0.0.0.0, or localhost; it is '{address}'.");
            }

            var options = new DashboardOptions { Host = address, Port = parse.GetValue(port) };
            return ServeAsync(store, options, context, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> ServeAsync(StudyStore store, DashboardOptions options, CliContext context, CancellationToken cancellationToken)
    {
        DashboardServer server;
        try
        {
            server = await DashboardServer.StartAsync(store.Storage, store.Location.Display, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or AddressInUseException)
        {
            throw CliException.Failure($"The dashboard cannot listen on {options.Host}:{options.Port}: {e.Message}");
        }

        await using (server.ConfigureAwait(false))
        {
            if (!IPAddress.IsLoopback(IPAddress.Parse(options.Host)))
            {
                context.Error.WriteLine($"warning: the dashboard listens on {options.Host}, so other machines can read these studies; it has no login.");
            }

            context.Output.WriteLine($"Dashboard of {store.Location.Display}: {server.Address}");
            context.Output.WriteLine("Read-only. Press Ctrl+C to stop.");
            context.Output.Flush();
            await server.RunUntilCancelledAsync(cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
